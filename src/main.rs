fn main() -> std::process::ExitCode {
    polyshop::cli::main()
}
