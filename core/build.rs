//! Compresses the built-in catalog for embedding: the text is the largest single item the
//! app carries (a quarter of a megabyte, mostly the level descriptors in two languages),
//! and Brotli makes it a third as big, which the binary's size budget needs. The
//! decompressor is already in the app (Tauri's assets use it).

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for name in ["skills", "roles"] {
        let src = format!("catalog/{name}.json");
        println!("cargo:rerun-if-changed={src}");
        let text = std::fs::read(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        let mut packed = Vec::new();
        brotli::BrotliCompress(&mut text.as_slice(), &mut packed, &params)
            .expect("compressing in memory cannot fail");
        std::fs::File::create(out.join(format!("{name}.json.br")))
            .and_then(|mut f| f.write_all(&packed))
            .expect("OUT_DIR is writable");
    }
}
