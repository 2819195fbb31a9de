fn main() {
    budget_explorer::mount();
}
