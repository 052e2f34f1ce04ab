//! The staff page's own entry point (`admin.html`, served under `/admin`). It links only
//! `loanlens_web::admin` and what that uses; no public page links that module, so none of
//! the staff code is in a public bundle.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<loanlens_web::admin::AdminApp>::new().render();
}
