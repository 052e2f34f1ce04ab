//! LoanLens SPA entry point: mounts the app. All computation runs in this WebAssembly module
//! through `loanlens-core`; the only network call is submitting an application (see `api`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<loanlens_web::app::App>::new().render();
}
