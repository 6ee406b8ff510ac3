//! `make bench-start`: how long Pathwise takes from process start to its first screen, and
//! how much memory it holds once idle, each against a bare Tauri app (`bench/bare/`) built
//! with the same release profile. The two run alternately through WebDriver, each on a
//! fresh data folder, so a machine that gets busier half-way slows both alike.
//!
//! - Start: this binary is the `application` tauri-driver launches. Started with
//!   `PATHWISE_BENCH_EXEC` set, it writes its pid and the wall-clock time to the file in
//!   `PATHWISE_BENCH_STAMP` and `exec`s the app in its place (same pid), so the clock starts
//!   when the app's process does. The first screen is the first frame in which the first
//!   view's heading (`main h2`) is in the page, has text and a layout box: a script in the
//!   page waits for it (a MutationObserver, then `requestAnimationFrame`, then a zero
//!   timeout so the frame has been painted). Both apps are timed by the same clock where
//!   they can be: WebKit's stamp of the page's first contentful paint (Paint Timing), when
//!   the heading was in the page by then: already there when the script first ran (the
//!   bare page has it in its HTML), or seen arriving before that paint (Pathwise draws its
//!   whole first screen in one frame). Only when something else was painted before the
//!   heading came is the first screen the script's own `Date.now()` after the frame that
//!   showed it, which comes a little later than a paint stamp would.
//!   "page from" is when the page's navigation began (`performance.timeOrigin`), from the
//!   same process start: what came before it is the process, GTK and WebKit; the rest of
//!   the start is the page's own.
//! - Memory: 3 s after the first screen, the proportional set size (`Pss` in
//!   /proc/<pid>/smaps_rollup) of the app and every process below it (WebKit's web and
//!   network processes), summed.
//! - Idle CPU: the CPU time (user and system) those processes used during the same 3 s,
//!   from /proc/<pid>/stat. A window at rest should use next to none; a page that keeps
//!   redrawing shows here long before anyone notices the fan.
//!
//! It is a benchmark, not a test: it prints what it measured and the two ratios, last.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use pathwise_e2e::App;

const EXEC_ENV: &str = "PATHWISE_BENCH_EXEC";
const STAMP_ENV: &str = "PATHWISE_BENCH_STAMP";
const HEADING: &str = "main h2";
const IDLE: Duration = Duration::from_secs(3);
const START_BUDGET: f64 = 1.10;
const PSS_BUDGET: f64 = 1.15;

/// Resolves with the wall-clock time of the first painted frame that shows `sel`.
const FIRST_SCREEN_JS: &str = r#"
const [sel, done] = arguments;
const present = () => { const h = document.querySelector(sel); return h && h.textContent.trim() !== "" ? h : null; };
const early = present() !== null;
let waiting = false;
let arrived = null;
const frame = () => {
  const h = present();
  const box = h ? h.getBoundingClientRect() : null;
  if (box && box.width > 0 && box.height > 0) {
    setTimeout(() => {
      const paint = performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
      const o = performance.timeOrigin;
      done({ at: Date.now(), early, fcp: paint ? o + paint.startTime : null, arrived: arrived === null ? null : o + arrived, origin: o });
    }, 0);
  } else {
    requestAnimationFrame(frame);
  }
};
const seen = () => { if (!waiting && present()) { waiting = true; arrived = early ? null : performance.now(); observer.disconnect(); requestAnimationFrame(frame); } };
const observer = new MutationObserver(seen);
observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
seen();
"#;

fn main() {
    if let Some(target) = std::env::var_os(EXEC_ENV) {
        exec_app(&target);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let (Some(pathwise), Some(bare)) = (opt("--pathwise"), opt("--bare")) else {
        eprintln!("usage: bench-start --pathwise <binary> --bare <binary> [--runs N]");
        std::process::exit(2);
    };
    let runs: usize = opt("--runs").map_or(9, |n| n.parse().expect("--runs takes a number"));
    let apps = [
        Subject::new("Pathwise", &pathwise),
        Subject::new("bare", &bare),
    ];
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(bench(apps, runs));
}

/// The wrapper half: stamp the start, then become the app.
fn exec_app(target: &std::ffi::OsStr) -> ! {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let stamp = std::env::var_os(STAMP_ENV).expect("the stamp file is set with the app");
    std::fs::write(
        &stamp,
        format!("{} {}", std::process::id(), now.as_micros()),
    )
    .expect("the stamp file is writable");
    let err = Command::new(target)
        .args(std::env::args_os().skip(1))
        .env_remove(EXEC_ENV)
        .env_remove(STAMP_ENV)
        .exec();
    panic!("could not start {}: {err}", target.to_string_lossy());
}

struct Subject {
    name: &'static str,
    binary: PathBuf,
    start_ms: Vec<f64>,
    page_ms: Vec<f64>,
    pss_kb: Vec<u64>,
    idle_cpu_ms: Vec<f64>,
}

impl Subject {
    fn new(name: &'static str, binary: &str) -> Subject {
        let binary = std::fs::canonicalize(binary)
            .unwrap_or_else(|e| panic!("{name}: no binary at {binary}: {e}"));
        Subject {
            name,
            binary,
            start_ms: Vec::new(),
            page_ms: Vec::new(),
            pss_kb: Vec::new(),
            idle_cpu_ms: Vec::new(),
        }
    }
}

struct Run {
    start_ms: f64,
    /// Of `start_ms`, the part before the page began to load (the process, GTK, WebKit).
    page_ms: f64,
    pss_kb: u64,
    /// CPU time the app's processes used while idle, before PSS was read.
    idle_cpu_ms: f64,
    processes: usize,
    /// The heading was in the page when the script first ran.
    early: bool,
    /// Timed by the page's first contentful paint, not by the script after the frame.
    paint: bool,
}

/// Which clock timed a first screen.
enum Timed {
    /// WebKit's first-contentful-paint stamp, in ms since the epoch.
    Paint(f64),
    /// The script's `Date.now()` after the frame that showed the heading.
    Frame,
}

async fn bench(mut apps: [Subject; 2], runs: usize) {
    println!("load average before: {}", loadavg());
    // One unmeasured run each brings both binaries and WebKit into the page cache.
    for app in &apps {
        let run = once(&app.binary).await;
        println!(
            "warm-up  {:<9} {:>7.0} ms {:>8.1} MiB",
            app.name,
            run.start_ms,
            run.pss_kb as f64 / 1024.0
        );
    }
    println!("run  app        start  page from  PSS (MiB)  idle CPU  processes");
    for round in 0..runs {
        // Alternate which goes first, so neither always follows the other.
        let order: [usize; 2] = if round % 2 == 0 { [0, 1] } else { [1, 0] };
        for i in order {
            let app = &mut apps[i];
            let run = once(&app.binary).await;
            println!(
                "{:>3}  {:<9} {:>6.0} ms {:>6.0} ms {:>9.1} {:>6.0} ms  {:>3}{}",
                round + 1,
                app.name,
                run.start_ms,
                run.page_ms,
                run.pss_kb as f64 / 1024.0,
                run.idle_cpu_ms,
                run.processes,
                match (run.paint, run.early) {
                    (true, true) => "  first contentful paint (heading there when first asked)",
                    (true, false) => "  first contentful paint (heading seen arriving before it)",
                    (false, _) => "  frame after the heading (something was painted before it)",
                }
            );
            app.start_ms.push(run.start_ms);
            app.page_ms.push(run.page_ms);
            app.pss_kb.push(run.pss_kb);
            app.idle_cpu_ms.push(run.idle_cpu_ms);
        }
    }
    println!("load average after: {}", loadavg());
    let [ours, bare] = &apps;
    let start = [median(&ours.start_ms), median(&bare.start_ms)];
    let pss_kb = |s: &Subject| median(&s.pss_kb.iter().map(|k| *k as f64).collect::<Vec<_>>());
    let pss = [pss_kb(ours) / 1024.0, pss_kb(bare) / 1024.0];
    println!(
        "median start to first screen: Pathwise {:.0} ms, bare {:.0} ms ({runs} runs each)",
        start[0], start[1]
    );
    let page = |s: &Subject| median(&s.page_ms);
    let in_page = |s: &Subject| {
        let each: Vec<f64> = s
            .start_ms
            .iter()
            .zip(&s.page_ms)
            .map(|(a, p)| a - p)
            .collect();
        median(&each)
    };
    println!(
        "median before the page began to load: Pathwise {:.0} ms, bare {:.0} ms; in the page: Pathwise {:.0} ms, bare {:.0} ms",
        page(ours),
        page(bare),
        in_page(ours),
        in_page(bare)
    );
    println!(
        "median PSS after {} s idle: Pathwise {:.1} MiB, bare {:.1} MiB",
        IDLE.as_secs(),
        pss[0],
        pss[1]
    );
    println!(
        "median CPU time in those {} s: Pathwise {:.0} ms, bare {:.0} ms",
        IDLE.as_secs(),
        median(&ours.idle_cpu_ms),
        median(&bare.idle_cpu_ms)
    );
    let verdict = |r: f64, budget: f64| if r <= budget { "within" } else { "OVER" };
    let start_ratio = start[0] / start[1];
    let pss_ratio = pss[0] / pss[1];
    println!(
        "start ratio (Pathwise / bare): {start_ratio:.2}x ({} the {START_BUDGET:.2}x budget)",
        verdict(start_ratio, START_BUDGET)
    );
    println!(
        "PSS ratio (Pathwise / bare): {pss_ratio:.2}x ({} the {PSS_BUDGET:.2}x budget)",
        verdict(pss_ratio, PSS_BUDGET)
    );
}

/// One start on a fresh data folder: time to the first screen, then PSS after idling.
async fn once(binary: &Path) -> Run {
    let data = tempfile::tempdir().unwrap();
    let stamp = data.path().join("bench-stamp");
    let me = std::env::current_exe().unwrap();
    let app = App::start_binary(
        &me,
        &data.path().join("data"),
        &[(EXEC_ENV, binary), (STAMP_ENV, &stamp)],
    )
    .await;
    let shown = app
        .client
        .execute_async(FIRST_SCREEN_JS, vec![HEADING.into()])
        .await
        .unwrap_or_else(|e| panic!("{}: no first screen: {e}", binary.display()));
    let at_ms = shown["at"].as_f64().expect("the page answers with a time");
    let early = shown["early"].as_bool().unwrap_or(false);
    let fcp = shown["fcp"].as_f64();
    let arrived = shown["arrived"].as_f64();
    let (pid, started_us) = read_stamp(&stamp);
    // The first contentful paint is the first screen when the heading was in the page by
    // then: already there when the script first ran, or seen arriving before it.
    let timed_by = match (fcp, arrived) {
        (Some(paint), _) if early => Timed::Paint(paint),
        (Some(paint), Some(heading)) if paint >= heading => Timed::Paint(paint),
        _ => Timed::Frame,
    };
    let shown_ms = match timed_by {
        Timed::Paint(paint) => paint,
        Timed::Frame => at_ms,
    };
    let start_ms = shown_ms - started_us as f64 / 1000.0;
    let page_ms = shown["origin"]
        .as_f64()
        .map_or(f64::NAN, |o| o - started_us as f64 / 1000.0);
    let before_idle = cpu_ms(&process_tree(pid));
    tokio::time::sleep(IDLE).await;
    let tree = process_tree(pid);
    // The processes are the same ones: WebKit starts its helpers before the first screen.
    let idle_cpu_ms = cpu_ms(&tree) - before_idle;
    let pss_kb = tree.iter().map(|p| pss_of(*p)).sum();
    let processes = tree.len();
    app.stop().await;
    wait_gone(&tree).await;
    Run {
        start_ms,
        page_ms,
        pss_kb,
        idle_cpu_ms,
        processes,
        early,
        paint: matches!(timed_by, Timed::Paint(_)),
    }
}

fn read_stamp(path: &Path) -> (i32, u128) {
    let text = std::fs::read_to_string(path).expect("the wrapper wrote its stamp");
    let mut parts = text.split_whitespace();
    let pid = parts.next().and_then(|p| p.parse().ok()).expect("a pid");
    let us = parts.next().and_then(|p| p.parse().ok()).expect("a time");
    (pid, us)
}

/// The process and all its descendants (WebKit starts its helpers as children).
fn process_tree(root: i32) -> Vec<i32> {
    let mut parents: Vec<(i32, i32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<i32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        if let Some(ppid) = stat_fields(&stat).nth(1).and_then(|p| p.parse().ok()) {
            parents.push((pid, ppid));
        }
    }
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    tree
}

/// The fields of a /proc/<pid>/stat line after the process's name, from the state (field
/// 3 of proc(5)) on. The name, in parentheses, may hold spaces; the fields after it do not.
fn stat_fields(stat: &str) -> std::str::SplitWhitespace<'_> {
    stat[stat.rfind(')').map_or(0, |i| i + 1)..].split_whitespace()
}

/// User and system CPU time of the processes so far, in milliseconds.
fn cpu_ms(tree: &[i32]) -> f64 {
    // SAFETY: sysconf only reads a configuration value.
    let ticks_per_s = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let ticks: u64 = tree
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
        .map(|stat| {
            // utime and stime are fields 14 and 15 of proc(5); `stat_fields` starts at 3.
            let fields: Vec<&str> = stat_fields(&stat).collect();
            let field =
                |n: usize| -> u64 { fields.get(n - 3).and_then(|v| v.parse().ok()).unwrap_or(0) };
            field(14) + field(15)
        })
        .sum();
    ticks as f64 * 1000.0 / ticks_per_s
}

fn pss_of(pid: i32) -> u64 {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    rollup
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat_fields(&stat).next() != Some("Z"))
}

/// The next run starts only once this one's processes are gone, so they do not share the
/// machine or the data.
async fn wait_gone(tree: &[i32]) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while tree.iter().any(|p| alive(*p)) {
        if Instant::now() > deadline {
            for p in tree.iter().filter(|p| alive(**p)) {
                eprintln!("process {p} outlived its session; sending SIGTERM");
                unsafe {
                    libc::kill(*p, libc::SIGTERM);
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
