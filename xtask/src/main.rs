//! `cargo xtask codegen`            regenerate `generated/` from `spec/`
//! `cargo xtask codegen --check`    fail when `generated/` differs from what `spec/` produces
//! `cargo xtask scaffold-migration NAME [TABLE...]`
//!                                  print a migration creating TABLEs (all when none) from spec/model

use std::path::PathBuf;

use anyhow::{Result, bail};

fn main() -> Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["codegen"] => {
            let written = polyshop_codegen::write(&root)?;
            eprintln!("codegen: {written} file(s) updated");
            Ok(())
        }
        ["codegen", "--check"] => {
            let drift = polyshop_codegen::drift(&root)?;
            if drift.is_empty() {
                eprintln!("codegen: generated/ is up to date");
                Ok(())
            } else {
                for d in &drift {
                    eprintln!("  {d}");
                }
                bail!("generated/ is out of date with spec/: run `cargo xtask codegen`")
            }
        }
        ["scaffold-migration", tables @ ..] => {
            let tables: Vec<String> = tables.iter().map(|s| s.to_string()).collect();
            print!("{}", polyshop_codegen::scaffold_migration(&root, &tables)?);
            Ok(())
        }
        _ => bail!("usage: cargo xtask codegen [--check] | cargo xtask scaffold-migration [TABLE...]"),
    }
}
