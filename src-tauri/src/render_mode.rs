//! How WebKit draws the window on a machine without a GPU.
//!
//! WebKitGTK composites the page with OpenGL. Without a GPU (a virtual machine, a remote
//! desktop, no driver) that OpenGL is Mesa's llvmpipe, which compiles every shader with
//! LLVM on the CPU: measured with `make bench-start` on such a machine, the first screen
//! took about 50 ms longer and the idle app held about 90 MiB more than with compositing
//! off. Pathwise draws text, boxes and 2D charts, which need no compositor, so on those
//! machines it asks WebKit to paint the page directly. With a GPU, WebKit's default stays.

use std::ffi::OsString;
use std::path::Path;

/// WebKitGTK's switch for drawing without its OpenGL compositor.
pub const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Variables a user may have set to choose WebKit's or Mesa's drawing themselves.
const USER_CHOICES: [&str; 3] = [
    NO_COMPOSITING,
    "WEBKIT_SKIA_ENABLE_CPU_RENDERING",
    "WEBKIT_FORCE_COMPOSITING_MODE",
];

/// Whether to turn WebKit's compositor off: no GPU to run it, and no choice of the user's
/// to respect. `env` reads a variable; `gpu` says whether a GPU render node exists.
pub fn composite_off(env: impl Fn(&str) -> Option<OsString>, gpu: bool) -> bool {
    if USER_CHOICES.iter().any(|name| env(name).is_some()) {
        return false;
    }
    let software_gl = env("LIBGL_ALWAYS_SOFTWARE").is_some_and(|v| !v.is_empty() && v != "0");
    !gpu || software_gl
}

/// Whether the kernel offers a GPU render node (`/dev/dri/renderD128` and on).
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Sets the switch for this process and the WebKit processes it starts. Called first
/// thing in `run`, while the process has a single thread (setting the environment is
/// not safe once other threads may read it).
pub fn choose() {
    if composite_off(
        |name| std::env::var_os(name),
        has_render_node(Path::new("/dev/dri")),
    ) {
        std::env::set_var(NO_COMPOSITING, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(set: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            set.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn off_without_a_gpu_and_on_with_one() {
        assert!(composite_off(env(&[]), false));
        assert!(!composite_off(env(&[]), true));
    }

    #[test]
    fn software_gl_counts_as_no_gpu() {
        assert!(composite_off(env(&[("LIBGL_ALWAYS_SOFTWARE", "1")]), true));
        assert!(!composite_off(env(&[("LIBGL_ALWAYS_SOFTWARE", "0")]), true));
        assert!(!composite_off(env(&[("LIBGL_ALWAYS_SOFTWARE", "")]), true));
    }

    #[test]
    fn a_choice_of_the_users_is_left_alone() {
        for name in USER_CHOICES {
            let set: &'static [(&'static str, &'static str)] = match name {
                NO_COMPOSITING => &[(NO_COMPOSITING, "0")],
                "WEBKIT_SKIA_ENABLE_CPU_RENDERING" => &[("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")],
                _ => &[("WEBKIT_FORCE_COMPOSITING_MODE", "1")],
            };
            assert!(!composite_off(env(set), false), "{name}");
        }
    }

    #[test]
    fn render_nodes_are_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
        assert!(!has_render_node(&dir.path().join("missing")));
    }
}
