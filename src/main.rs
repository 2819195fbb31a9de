//! Entry point of the wasm app: installs the panic hook and the console logger, then mounts.

fn main() {
    console_error_panic_hook::set_once();
    // A logger that is already installed is not an error worth stopping the app for.
    let _ = console_log::init_with_level(log::Level::Info);
    budget_explorer::mount();
}
