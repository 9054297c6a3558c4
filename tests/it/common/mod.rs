//! Test helpers: a temporary working folder with documents, and the real `nota` binary run in it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The `nota` binary under test: this build's, or the one `NOTA_BIN` names (to run a suite
/// against an older build and see which of its tests fail there).
pub fn nota_bin() -> PathBuf {
    std::env::var_os("NOTA_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| assert_cmd::cargo::cargo_bin("nota"))
}

/// The project's own folder.
pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The five sample documents shipped in `corpus/`.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(project_dir().join("corpus"))
        .expect("corpus/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// A temporary working folder; `nota` runs inside it with the index in `idx/`.
pub struct Env {
    pub dir: TempDir,
}

impl Env {
    /// An empty working folder.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    /// A working folder whose `docs/` holds copies of the sample documents.
    pub fn with_corpus() -> Env {
        let env = Env::new();
        for file in corpus_files() {
            env.copy(&file, "docs");
        }
        env
    }

    /// Copies `file` into `folder` (relative to the working folder).
    pub fn copy(&self, file: &Path, folder: &str) -> PathBuf {
        let target_dir = self.dir.path().join(folder);
        std::fs::create_dir_all(&target_dir).expect("create folder");
        let target = target_dir.join(file.file_name().expect("a file name"));
        std::fs::copy(file, &target).expect("copy");
        target
    }

    /// Writes `text` to `rel`.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
        std::fs::write(path, text).expect("write");
    }

    /// The path of `rel` in the working folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `nota --index idx ARGS…` in the working folder, without colour.
    pub fn nota(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(nota_bin());
        cmd.current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove(nota::index::run::ABORT_BEFORE_COMMIT_ENV)
            .env_remove(nota::index::faults::ABORT_AFTER_WRITING_ENV)
            .env_remove(nota::index::faults::FAIL_WRITES_AFTER_ENV)
            .args(["--index", "idx"])
            .args(args);
        cmd
    }

    /// Runs `nota ARGS…`, which must succeed, and returns what it printed on stdout.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self
            .nota(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("nota prints UTF-8")
    }

    /// Runs `nota index ARGS…` and returns its summary line.
    pub fn index(&self, args: &[&str]) -> String {
        let mut full = vec!["index"];
        full.extend_from_slice(args);
        self.stdout(&full).trim().to_string()
    }

    /// Runs `nota search --json ARGS…` and parses the answer.
    pub fn search(&self, args: &[&str]) -> Value {
        let mut full = vec!["search", "--json"];
        full.extend_from_slice(args);
        serde_json::from_str(&self.stdout(&full)).expect("search --json prints one JSON object")
    }
}

/// The file names (not folders) of the hits, in rank order.
pub fn hit_names(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits is an array")
        .iter()
        .map(|h| {
            let path = h["path"].as_str().expect("path is a string");
            Path::new(path)
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// The file names of the hits, sorted.
pub fn hit_set(results: &Value) -> Vec<String> {
    let mut names = hit_names(results);
    names.sort();
    names
}

/// Short names of the sample documents: "000" → its file name.
pub fn doc(id: &str) -> String {
    corpus_files()
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .find(|n| n.starts_with(id))
        .unwrap_or_else(|| panic!("no sample document {id}"))
}

/// Several sample documents, sorted.
pub fn docs(ids: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = ids.iter().map(|id| doc(id)).collect();
    names.sort();
    names
}

/// A running `nota serve` on a free local port, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    /// `http://127.0.0.1:PORT`
    pub url: String,
}

impl Server {
    /// Starts `nota --index idx serve --addr 127.0.0.1:0` in `env` and waits for its URL.
    pub fn start(env: &Env) -> Server {
        Server::start_on(env, "idx")
    }

    /// Starts `nota --index INDEX serve --addr 127.0.0.1:0` in `env` and waits for its URL.
    pub fn start_on(env: &Env, index: &str) -> Server {
        use std::io::BufRead;
        let mut child = std::process::Command::new(nota_bin())
            .current_dir(env.dir.path())
            .args(["--index", index, "serve", "--addr", "127.0.0.1:0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("nota serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("nota serve prints its URL");
        // The last address on the line: the first may be the index's, on a cluster.
        let url = line
            .split_whitespace()
            .rfind(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, url }
    }

    /// GET `path` (with query): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(&format!("{}{path}", self.url))
            .call()
            .expect("the server answers");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().expect("a text body");
        (status, body)
    }

    /// GET `path`, which must answer 200 with JSON.
    pub fn json(&self, path: &str) -> Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).expect("JSON")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
