//! The mortgage page's own entry point (`mortgage.html`, served under `/mortgage`). It links only
//! `loanlens_web::mortgage` and what that uses, so a visitor of the calculator never downloads
//! this page's code and a visitor of this page never downloads the calculator's. No request is
//! made: every figure is computed in this WebAssembly module by `loanlens_core::mortgage`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<loanlens_web::mortgage::MortgageApp>::new().render();
}
