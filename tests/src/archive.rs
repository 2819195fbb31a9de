//! The offline archive that `cargo xtask package` writes, unpacked and served with the
//! command its README gives, as a reader would run it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The archive named by `BUDGET_ARCHIVE`, which `cargo xtask test` and `cargo xtask bench`
/// set; panics with the fix when it is missing.
pub fn archive_path() -> PathBuf {
    let archive = PathBuf::from(
        std::env::var_os("BUDGET_ARCHIVE").expect("BUDGET_ARCHIVE is not set; run through `cargo xtask test`"),
    );
    assert!(archive.is_file(), "{} not found; run `cargo xtask package`", archive.display());
    archive
}

/// An unpacked archive served on 127.0.0.1 by the README's server command. The server stops
/// and the files are removed when this is dropped.
pub struct ArchiveSite {
    /// Site URL ending with `/`.
    pub url: String,
    /// The README's command line, with the port it runs on.
    pub command: String,
    server: Child,
    unpacked: PathBuf,
}

impl ArchiveSite {
    /// Unpacks `archive` into a temporary folder and runs the README's `python3 -m http.server`
    /// line there, on a free port instead of 8000.
    pub fn start(archive: &Path) -> ArchiveSite {
        let unpacked = std::env::temp_dir().join(format!("budget-archive-{}-{}", std::process::id(), free_port()));
        std::fs::create_dir_all(&unpacked).expect("create the unpacking folder");
        let status = Command::new("tar").arg("-xzf").arg(archive).arg("-C").arg(&unpacked).status().expect("run tar");
        assert!(status.success(), "tar could not unpack {}", archive.display());

        let folder = std::fs::read_dir(&unpacked).expect("read the unpacked archive").flatten().next();
        let folder = folder.expect("one folder in the archive").path();
        let readme = std::fs::read_to_string(folder.join("README.txt")).expect("README.txt in the archive");
        let line = readme.lines().map(str::trim).find(|line| line.starts_with("python3 -m http.server"));
        let line = line.expect("a `python3 -m http.server` line in README.txt");
        let port = free_port();
        let words: Vec<String> =
            line.split_whitespace().map(|word| if word == "8000" { port.to_string() } else { word.to_string() }).collect();
        let server = Command::new(&words[0])
            .args(&words[1..])
            .current_dir(&unpacked)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("could not run `{line}`: {error}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "`{line}` did not start listening within 10 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        ArchiveSite { url: format!("http://127.0.0.1:{port}/"), command: words.join(" "), server, unpacked }
    }
}

impl Drop for ArchiveSite {
    fn drop(&mut self) {
        self.server.kill().ok();
        self.server.wait().ok();
        std::fs::remove_dir_all(&self.unpacked).ok();
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("no free port on 127.0.0.1");
    listener.local_addr().expect("bound socket has an address").port()
}
