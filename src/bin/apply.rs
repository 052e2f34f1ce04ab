//! The application page's own entry point (`apply.html`, served under `/apply`). It links only
//! `loanlens_web::apply` and what that uses, so neither the calculator's nor the pre-check's
//! visitors download it, and it carries no staff code.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<loanlens_web::apply::ApplyApp>::new().render();
}
