//! One window per data folder: the first Pathwise listens on a Unix socket named for the
//! user and the folder; a second launch finds it there, asks it to show its window, and
//! exits. The socket lives in Linux's abstract namespace, so the name disappears with
//! the process (a crash leaves nothing stale to clean up) and binding it is atomic
//! (two launches at once cannot both win). This replaces the single-instance plugin,
//! whose D-Bus client was a large part of the binary (see ARCHITECTURE.md).

use std::io::{self, Read, Write};
use std::os::linux::net::SocketAddrExt;
use std::os::unix::net::{SocketAddr, UnixListener, UnixStream};
use std::time::Duration;

/// What a second launch sends; anything else is ignored.
const SHOW: &[u8] = b"show\n";

/// The outcome of trying to be the one Pathwise for a name.
pub enum Claim {
    /// This process is the first: it keeps the listener and serves later launches.
    First(UnixListener),
    /// Another process holds the name and was asked to show its window.
    Shown,
}

/// The socket name for the user and an optional data-folder key.
pub fn name(uid: u32, folder: Option<&[u8]>) -> Vec<u8> {
    let mut name = format!("app.pathwise.desktop/{uid}").into_bytes();
    if let Some(folder) = folder {
        name.extend_from_slice(format!("/{:016x}", fnv1a(folder)).as_bytes());
    }
    name
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// Becomes the first instance for `name`, or asks the one that is to show itself.
pub fn claim(name: &[u8]) -> io::Result<Claim> {
    let addr = SocketAddr::from_abstract_name(name)?;
    // The holder may be quitting between our bind and connect: try again a few times.
    let mut last = None;
    for _ in 0..3 {
        match UnixListener::bind_addr(&addr) {
            Ok(listener) => return Ok(Claim::First(listener)),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {}
            Err(e) => return Err(e),
        }
        match UnixStream::connect_addr(&addr) {
            Ok(mut stream) => {
                stream.write_all(SHOW)?;
                return Ok(Claim::Shown);
            }
            Err(e) => last = Some(e),
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(last.unwrap_or_else(|| io::Error::other("the single-instance socket stayed busy")))
}

/// Serves later launches on a thread of its own: each one that asks runs `show`.
/// Without a thread, later launches find the lock taken and are told Pathwise already runs.
pub fn serve(listener: UnixListener, show: impl Fn() + Send + 'static) {
    let _ = std::thread::Builder::new()
        .name("single-instance".into())
        .spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
                let mut asked = Vec::new();
                // A peer that sends more than the request is not a Pathwise: read no further.
                if stream.take(16).read_to_end(&mut asked).is_ok() && asked == SHOW {
                    show();
                }
            }
        });
}

/// The user id, for the socket name: from the owner of this process's /proc entry.
pub fn uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(0, |m| m.uid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn unique(tag: &str) -> Vec<u8> {
        format!("app.pathwise.test/{}/{tag}", std::process::id()).into_bytes()
    }

    #[test]
    fn the_second_claim_asks_the_first_to_show_itself() {
        let name = unique("show");
        let Claim::First(listener) = claim(&name).unwrap() else {
            panic!("the first claim must win");
        };
        let (tx, rx) = mpsc::channel();
        serve(listener, move || tx.send(()).unwrap());
        assert!(matches!(claim(&name).unwrap(), Claim::Shown));
        rx.recv_timeout(Duration::from_secs(5))
            .expect("the first instance was asked to show");
        assert!(matches!(claim(&name).unwrap(), Claim::Shown));
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
    }

    #[test]
    fn the_name_is_free_again_when_the_first_goes() {
        let name = unique("free");
        let Claim::First(listener) = claim(&name).unwrap() else {
            panic!("the first claim must win");
        };
        drop(listener);
        assert!(matches!(claim(&name).unwrap(), Claim::First(_)));
    }

    #[test]
    fn a_stranger_writing_other_bytes_shows_nothing() {
        let name = unique("stranger");
        let Claim::First(listener) = claim(&name).unwrap() else {
            panic!("the first claim must win");
        };
        let (tx, rx) = mpsc::channel();
        serve(listener, move || tx.send(()).unwrap());
        let addr = SocketAddr::from_abstract_name(&name).unwrap();
        let mut s = UnixStream::connect_addr(&addr).unwrap();
        s.write_all(b"show\nplease and more").unwrap();
        drop(s);
        assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
    }

    #[test]
    fn names_differ_by_user_and_folder() {
        assert_ne!(name(1000, None), name(1001, None));
        assert_ne!(name(1000, Some(b"/a")), name(1000, Some(b"/b")));
        assert_ne!(name(1000, Some(b"/a")), name(1000, None));
    }
}
