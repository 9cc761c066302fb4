//! The calculator bundle's entry point: hydrates the calculator page and fills the guide's
//! calculator placeholders. Built by Trunk as a separate wasm (see `index.html`) and started by
//! the main bundle only on pages that need it.

fn main() {
    shipshape::tools::start_calc();
}
