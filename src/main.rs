// mimalloc rather than glibc's malloc: with pages kept in process, allocation became the
// largest part of a warm request's CPU, and mimalloc serves product pages about 1.6 times
// faster, for more resident memory: about 40 % more after load, nearly twice as much idle
// (bench/README.md, "Allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    polyshop::cli::main()
}
