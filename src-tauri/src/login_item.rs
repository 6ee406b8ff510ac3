//! "Start at login, in the tray": an entry in the desktop's autostart folder (the XDG
//! Autostart specification), there exactly while the user wants it. Written here rather
//! than through the autostart plugin because on Linux the whole job is one small file,
//! and the plugin's dependencies (an OS-detection crate, nix, dirs) cost the binary more
//! than its size budget allows (see ARCHITECTURE.md).

use std::io;
use std::path::{Path, PathBuf};

const FILE: &str = "pathwise.desktop";

/// The autostart folder: `$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`.
pub fn folder() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("autostart"))
}

pub fn is_on(folder: &Path) -> bool {
    folder.join(FILE).is_file()
}

/// Puts the entry in place (starting `exe` with `args`) or takes it away.
pub fn set(folder: &Path, on: bool, exe: &Path, args: &[&str]) -> io::Result<()> {
    let path = folder.join(FILE);
    if !on {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    std::fs::create_dir_all(folder)?;
    let exec = std::iter::once(exe.to_string_lossy().into_owned())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| quoted(&a))
        .collect::<Vec<_>>()
        .join(" ");
    let entry = format!(
        "[Desktop Entry]\nType=Application\nName=Pathwise\nName[zh_CN]=Pathwise\n\
         Comment=Daily learning reminders\nComment[zh_CN]=每日学习提醒\nExec={exec}\n\
         Icon=pathwise\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"
    );
    // Written whole then renamed, so a session starting meanwhile never reads half a file.
    let partial = folder.join(format!(".{FILE}.partial"));
    std::fs::write(&partial, entry)?;
    std::fs::rename(&partial, &path)
}

/// One argument of an `Exec` key: quoted when it holds a reserved character, with the
/// desktop-entry escapes, then `%` doubled (field codes) and `\` doubled again (the
/// file's string escapes apply on top of the Exec rules).
fn quoted(arg: &str) -> String {
    const RESERVED: &[char] = &[
        ' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(',
        ')', '`',
    ];
    let arg = if arg.is_empty() || arg.contains(RESERVED) {
        let mut q = String::from("\"");
        for c in arg.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        q
    } else {
        arg.to_owned()
    };
    arg.replace('\\', "\\\\").replace('%', "%%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_is_there_exactly_while_on() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("autostart");
        assert!(!is_on(&folder));
        set(&folder, true, Path::new("/usr/bin/pathwise"), &["--tray"]).unwrap();
        assert!(is_on(&folder));
        let text = std::fs::read_to_string(folder.join(FILE)).unwrap();
        assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
        assert!(text.contains("\nExec=/usr/bin/pathwise --tray\n"), "{text}");
        set(&folder, false, Path::new("/usr/bin/pathwise"), &["--tray"]).unwrap();
        assert!(!is_on(&folder));
        // Turning off what is already off is not an error.
        set(&folder, false, Path::new("/usr/bin/pathwise"), &[]).unwrap();
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    }

    #[test]
    fn exec_arguments_are_quoted_by_the_desktop_entry_rules() {
        assert_eq!(quoted("/usr/bin/pathwise"), "/usr/bin/pathwise");
        assert_eq!(quoted("/opt/my apps/pathwise"), "\"/opt/my apps/pathwise\"");
        // `$` escaped for Exec (\$), then the backslash escaped for the string (\\$).
        assert_eq!(quoted("/a$b"), "\"/a\\\\$b\"");
        assert_eq!(quoted("50%"), "50%%");
        assert_eq!(quoted(""), "\"\"");
    }
}
