//! The lab bundle's entry point: mounts the Dockerfile lab page and fills the guide's lab
//! placeholders. Built by Trunk as a separate wasm (see `index.html`) and started by the main
//! bundle only on pages that need it.

fn main() {
    shipshape::tools::start_lab();
}
