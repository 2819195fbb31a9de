//! The offline archive (`cargo xtask package`) opens with the command its README gives, with
//! Chromium able to reach nothing but that local server.

mod common;

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use browser_tests::browser::{Options, Session};
use common::wait_for;

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn archive_opens_without_network() {
    let archive = PathBuf::from(
        std::env::var_os("BUDGET_ARCHIVE").expect("BUDGET_ARCHIVE is not set; run the tests with `cargo xtask test`"),
    );
    assert!(archive.is_file(), "{} not found; run `cargo xtask package`", archive.display());
    let unpacked = std::env::temp_dir().join(format!("budget-archive-{}", std::process::id()));
    std::fs::remove_dir_all(&unpacked).ok();
    std::fs::create_dir_all(&unpacked).unwrap();
    let status = Command::new("tar").arg("-xzf").arg(&archive).arg("-C").arg(&unpacked).status().expect("run tar");
    assert!(status.success(), "tar could not unpack {}", archive.display());

    // The README's own command, on a free port instead of 8000.
    let folder = std::fs::read_dir(&unpacked).unwrap().flatten().next().expect("one folder in the archive").path();
    let readme = std::fs::read_to_string(folder.join("README.txt")).expect("README.txt in the archive");
    let command_line = readme.lines().map(str::trim).find(|line| line.starts_with("python3 -m http.server")).expect("a server command");
    let port = free_port();
    let words: Vec<String> =
        command_line.split_whitespace().map(|word| if word == "8000" { port.to_string() } else { word.to_string() }).collect();
    let mut server = Command::new(&words[0])
        .args(&words[1..])
        .current_dir(&unpacked)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the README's server command");
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start: {command_line}");
        std::thread::sleep(Duration::from_millis(100));
    }

    let site = format!("http://127.0.0.1:{port}/");
    let options = Options { performance_log: true };
    let session = Session::connect(&site, "he", options).await;
    session.open("#/he/budget/2014/20").await;
    wait_for(&session, "[data-view=node] canvas[data-testid=history-chart]").await;
    let requests = session.requested_urls().await;
    session.close().await;
    server.kill().ok();
    server.wait().ok();
    std::fs::remove_dir_all(&unpacked).ok();

    assert!(requests.iter().any(|url| url.contains("/data/2014/20.json")), "{requests:?}");
    let elsewhere: Vec<&String> = requests.iter().filter(|url| !url.starts_with(&site)).collect();
    assert!(elsewhere.is_empty(), "requests outside the local server: {elsewhere:?}");
}
