//! The harness for end-to-end journeys: starts `tauri-driver` with its own data folder,
//! opens a WebDriver session on the real app binary, and stops everything with SIGTERM.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// Names another app binary to drive (the install test points it at the packaged
/// `/usr/bin/pathwise`).
pub const APP_ENV: &str = "PATHWISE_E2E_APP";

/// The app binary `cargo test --workspace` builds next to this crate's tests, unless
/// `PATHWISE_E2E_APP` names another.
pub fn app_binary() -> PathBuf {
    if let Some(app) = std::env::var_os(APP_ENV).filter(|a| !a.is_empty()) {
        let bin = PathBuf::from(app);
        assert!(
            bin.exists(),
            "{APP_ENV} names {}, which is missing",
            bin.display()
        );
        return bin;
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let bin = target.join("debug").join("pathwise");
    assert!(
        bin.exists(),
        "the app binary {} is missing: run `make test` (or `cargo build -p pathwise`) first",
        bin.display()
    );
    bin
}

pub fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-shots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One running app: its tauri-driver process, WebDriver session and data folder.
pub struct App {
    pub client: Client,
    pub data_dir: PathBuf,
    driver: Child,
    /// The process to SIGTERM: tauri-driver (the child itself, or run inside a wrapper).
    driver_pid: u32,
}

/// WebKitWebDriver cannot take a screenshot of a page drawn without WebKit's compositor
/// (the call never returns; WebKitGTK 2.50), and Pathwise turns the compositor off on
/// machines without a GPU (`src-tauri/src/render_mode.rs`). The tests keep it on, as a
/// user's own setting would, so `shot` works; the start-up bench takes no screenshots and
/// runs Pathwise as users get it.
const KEEP_COMPOSITOR: (&str, &str) = ("WEBKIT_FORCE_COMPOSITING_MODE", "1");

impl App {
    /// Starts the app on `data_dir` (a fresh folder per test keeps real profiles safe).
    pub async fn start(data_dir: &Path) -> App {
        App::start_with(data_dir, &[]).await
    }

    /// Starts the app with extra environment variables (such as the folder that answers
    /// file dialogs in debug builds).
    pub async fn start_with(data_dir: &Path, env: &[(&str, &Path)]) -> App {
        let mut env = env.to_vec();
        env.push((KEEP_COMPOSITOR.0, Path::new(KEEP_COMPOSITOR.1)));
        App::start_binary(&app_binary(), data_dir, &env).await
    }

    /// Starts `binary` (not necessarily Pathwise: the start-up bench also drives a bare
    /// Tauri app) through tauri-driver, with the data-folder variable and `env` set.
    pub async fn start_binary(binary: &Path, data_dir: &Path, env: &[(&str, &Path)]) -> App {
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new("tauri-driver");
        cmd.args(driver_args(port, native_port))
            .env("PATHWISE_DATA_DIR", data_dir)
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let driver = cmd
            .spawn()
            .expect("tauri-driver is on PATH (make test installs it)");
        let pid = driver.id();
        App::connect(binary, data_dir, driver, pid, port, native_port).await
    }

    /// Starts the app inside a private D-Bus session (`dbus-run-session`), so its
    /// notifications and tray go to a bus the test owns. Returns the app and the bus
    /// address, for the test's own listeners.
    pub async fn start_in_dbus_session(data_dir: &Path) -> (App, String) {
        let port = free_port();
        let native_port = free_port();
        // The shell says the bus address and its own pid, then becomes tauri-driver: the
        // test stops tauri-driver itself (SIGTERM), and dbus-run-session then ends the bus.
        let script = format!(
            "echo \"$DBUS_SESSION_BUS_ADDRESS\"; echo $$; exec tauri-driver {}",
            driver_args(port, native_port).join(" ")
        );
        let mut driver = Command::new("dbus-run-session")
            .args(["--", "sh", "-c", &script])
            .env("PATHWISE_DATA_DIR", data_dir)
            .env(KEEP_COMPOSITOR.0, KEEP_COMPOSITOR.1)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect(
                "dbus-run-session is installed (Debian package dbus-daemon; make test installs it)",
            );
        let mut out = std::io::BufReader::new(driver.stdout.take().unwrap());
        let mut line = |what: &str| {
            let mut l = String::new();
            std::io::BufRead::read_line(&mut out, &mut l).unwrap();
            assert!(!l.trim().is_empty(), "dbus-run-session printed no {what}");
            l.trim().to_owned()
        };
        let address = line("bus address");
        let pid: u32 = line("pid").parse().unwrap();
        // Whatever tauri-driver prints later is drained so it never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        (
            App::connect(&app_binary(), data_dir, driver, pid, port, native_port).await,
            address,
        )
    }

    async fn connect(
        binary: &Path,
        data_dir: &Path,
        driver: Child,
        pid: u32,
        port: u16,
        native_port: u16,
    ) -> App {
        let mut driver = DriverGuard(Some((driver, pid)));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        // Both tauri-driver and the WebKitWebDriver it starts must listen before the
        // session request: a request that reaches tauri-driver too early can launch the app
        // and still fail, and a retry would then start a second copy, which the data-folder
        // lock rightly refuses.
        for p in [port, native_port] {
            while std::net::TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(Instant::now() < deadline, "nothing listened on {p}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        let caps = serde_json::json!({
            "browserName": "wry",
            "tauri:options": { "application": binary }
        });
        // WebDriver runs on loopback over plain HTTP, so no TLS stack is compiled in.
        // tauri-driver starts WebKitWebDriver on the first request; on a loaded machine
        // that request can be dropped before it listens, so the session is retried.
        let mut attempt = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.as_object().unwrap().clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if attempt < 15 => {
                    attempt += 1;
                    eprintln!("WebDriver session attempt {attempt} failed ({e}); retrying");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(e) => panic!("no WebDriver session on the app: {e}"),
            }
        };
        let (driver, driver_pid) = driver.0.take().unwrap();
        App {
            client,
            data_dir: data_dir.to_owned(),
            driver,
            driver_pid,
        }
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("`{css}` did not appear: {e}"))
    }

    /// The texts of every element matching `css`; read again if the view re-rendered
    /// between finding the elements and reading them.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        for _ in 0..20 {
            let mut out = Vec::new();
            let mut stale = false;
            for el in self.client.find_all(Locator::Css(css)).await.unwrap() {
                match el.text().await {
                    Ok(t) => out.push(t),
                    Err(_) => {
                        stale = true;
                        break;
                    }
                }
            }
            if !stale {
                return out;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("`{css}` kept changing under the test");
    }

    /// Clicks like a user (a native click at the element's centre); where
    /// WebKitWebDriver refuses one (elements under a sticky bar, labels of visually hidden
    /// radios), falls back to a DOM click.
    pub async fn click(&self, css: &str) {
        let el = self.wait_for(css).await;
        // WebKitWebDriver scrolls an element at the bottom edge only just into view and
        // then clicks a point outside the page's viewport (the click "succeeds" and hits
        // nothing), so bring it to the middle first.
        self.js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![css.into()],
        )
        .await;
        if el.click().await.is_err() {
            self.js(
                "const el = document.querySelector(arguments[0]); el.scrollIntoView({block: 'center'}); el.click();",
                vec![css.into()],
            )
            .await;
        }
    }

    /// Sets a form control's value the way typing would (input and change events), which
    /// also works for date inputs that WebKit does not let WebDriver type into.
    pub async fn set(&self, css: &str, value: &str) {
        self.wait_for(css).await;
        self.js(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1];\n\
             el.dispatchEvent(new Event('input', { bubbles: true }));\n\
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into(), value.into()],
        )
        .await;
    }

    pub async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap()
    }

    /// Waits until `css` has text for which `pred` holds, and returns it.
    pub async fn wait_text(&self, css: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait_text_for(css, pred, Duration::from_secs(20)).await
    }

    /// As `wait_text`, with its own time limit; on failure says what the page showed.
    pub async fn wait_text_for(
        &self,
        css: &str,
        pred: impl Fn(&str) -> bool,
        limit: Duration,
    ) -> String {
        let deadline = Instant::now() + limit;
        let mut last = None;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if pred(&t) {
                        return t;
                    }
                    last = Some(t);
                }
            }
            if Instant::now() >= deadline {
                let body = self.client.find(Locator::Css("body")).await.ok();
                let page = match body {
                    Some(b) => b.text().await.unwrap_or_default(),
                    None => String::new(),
                };
                self.shot("failed-wait").await;
                panic!(
                    "`{css}` never had the expected text (last: {last:?}); the page said:\n{page}"
                );
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits until exactly `n` elements match `css`.
    pub async fn wait_count(&self, css: &str, n: usize) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = self
                .client
                .find_all(Locator::Css(css))
                .await
                .map(|v| v.len())
                .unwrap_or(0);
            if found == n {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{css}` matched {found}, not {n}"
            );
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Saves a screenshot under target/e2e-shots/, after letting the frame settle.
    pub async fn shot(&self, name: &str) -> PathBuf {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let png = self.client.screenshot().await.unwrap();
        let path = shots_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Ends the session and waits until the app has really exited (its data-folder lock
    /// is free), so a restart on the same folder is not refused as a second instance.
    pub async fn stop(mut self) {
        // A close that tauri-driver drops unanswered leaves the session (and the app)
        // alive, so it is tried twice.
        for _ in 0..2 {
            if self.client.clone().close().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        terminate(&mut self.driver, self.driver_pid);
        let lock = self.data_dir.join("pathwise.lock");
        let started = Instant::now();
        let deadline = started + Duration::from_secs(30);
        let mut ended = false;
        while lock.exists() && Instant::now() < deadline {
            let free = std::fs::File::options()
                .write(true)
                .open(&lock)
                .map(|f| f.try_lock().is_ok())
                .unwrap_or(true);
            if free {
                break;
            }
            // On a loaded machine WebKitWebDriver can be gone before it closed the app,
            // which then lives on holding the folder: end it as a user would.
            if !ended && started.elapsed() > Duration::from_secs(5) {
                ended = end_app_on(&self.data_dir);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        eprintln!(
            "app exited {} ms after the session closed",
            started.elapsed().as_millis()
        );
    }
}

/// The pids of the app processes running on `data_dir` (found by the data-folder
/// variable in their environment).
pub fn app_pids(data_dir: &Path) -> Vec<i32> {
    let wanted = format!("PATHWISE_DATA_DIR={}", data_dir.display());
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<i32>().ok())
        else {
            continue;
        };
        let is_app = std::fs::read_link(entry.path().join("exe"))
            .is_ok_and(|exe| exe.file_name().is_some_and(|n| n == "pathwise"));
        let env = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        // A zombie has no exe link, so only running processes count.
        if is_app && env.split(|b| *b == 0).any(|kv| kv == wanted.as_bytes()) {
            pids.push(pid);
        }
    }
    pids
}

/// Sends SIGTERM to the app process running on `data_dir`. True when one was found.
fn end_app_on(data_dir: &Path) -> bool {
    let pids = app_pids(data_dir);
    for pid in &pids {
        eprintln!("ending the app (pid {pid}) that outlived its session");
        unsafe {
            libc::kill(*pid, libc::SIGTERM);
        }
    }
    !pids.is_empty()
}

fn driver_args(port: u16, native_port: u16) -> Vec<String> {
    vec![
        "--port".into(),
        port.to_string(),
        "--native-port".into(),
        native_port.to_string(),
    ]
}

/// SIGTERM, not SIGKILL: a killed tauri-driver orphans WebKitWebDriver on its port.
/// `pid` is tauri-driver's, `child` what the test spawned (the same, or its wrapper).
fn terminate(child: &mut Child, pid: u32) {
    unsafe {
        libc::kill(pid as libc::pid_t, libc::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Stops tauri-driver if starting the session panics half-way.
struct DriverGuard(Option<(Child, u32)>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some((child, pid)) = self.0.as_mut() {
            terminate(child, *pid);
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            terminate(&mut self.driver, self.driver_pid);
        }
    }
}
