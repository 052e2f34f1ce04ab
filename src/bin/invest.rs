//! The investor page's own entry point (`invest.html`, served under `/invest`). It links only
//! `loanlens_web::invest` and what that uses, so a visitor of the calculator never downloads
//! this page's code and a visitor of this page never downloads the calculator's. No request is
//! made: every figure is computed in this WebAssembly module by `loanlens_core::invest`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<loanlens_web::invest::InvestApp>::new().render();
}
