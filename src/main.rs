//! The wasm entry point: hydrates the pre-rendered page. Built by Trunk with `--features hydrate`.

fn main() {
    #[cfg(feature = "hydrate")]
    shipshape::client::start();
}
