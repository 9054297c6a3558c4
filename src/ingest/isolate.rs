//! Reading files where a crash or a hang costs only that file: child processes (the `nota`
//! binary itself, started with [`WORKER_ARG`]) that each read one file after another, sent on
//! stdin, and answer with the extracted text as JSON on stdout. A parser that overflows its
//! stack (a PDF stream nesting a million arrays) takes its child down, not the run; a child past
//! the per-file deadline is killed, so it holds no core after its file timed out. The children
//! live as long as the [`Workers`] of a run; a new one replaces any that went down.
//!
//! The protocol, both ways framed by an 8-byte little-endian length: the parent sends the file's
//! extension and then its bytes; the child answers with the JSON of
//! `Result<Extracted, FileError>`.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::{mpsc, Mutex};
use std::time::Duration;

use super::{extract_bytes, Extracted};
use crate::error::{FailKind, FileError};

/// The first argument that makes `nota` an extraction worker.
pub const WORKER_ARG: &str = "__extract-worker";

/// What a worker answers for one file.
type Answer = Result<Extracted, FileError>;

fn write_frame(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

/// One frame, or `None` at the end of the stream.
fn read_frame(input: &mut impl Read) -> Option<Vec<u8>> {
    let mut length = [0u8; 8];
    input.read_exact(&mut length).ok()?;
    let length = usize::try_from(u64::from_le_bytes(length)).ok()?;
    let mut bytes = Vec::new();
    input.take(length as u64).read_to_end(&mut bytes).ok()?;
    (bytes.len() == length).then_some(bytes)
}

/// The worker's side: answers file after file until stdin closes.
pub fn worker_main() -> ExitCode {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = BufWriter::new(std::io::stdout().lock());
    while let (Some(extension), Some(bytes)) = (read_frame(&mut input), read_frame(&mut input)) {
        let name = format!("file.{}", String::from_utf8_lossy(&extension));
        let answer: Answer = extract_bytes(Path::new(&name), &bytes);
        let json = serde_json::to_vec(&answer).unwrap_or_default();
        if write_frame(&mut output, &json)
            .and_then(|()| output.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// One child process, with a thread that passes on its answers.
struct Worker {
    child: Child,
    stdin: Option<BufWriter<ChildStdin>>,
    answers: mpsc::Receiver<Vec<u8>>,
}

impl Worker {
    fn start(exe: &Path) -> std::io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg(WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("no pipes to the reader process"));
        };
        let (sender, answers) = mpsc::channel();
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            while let Some(answer) = read_frame(&mut stdout) {
                if sender.send(answer).is_err() {
                    break;
                }
            }
        });
        Ok(Worker {
            child,
            stdin: Some(BufWriter::new(stdin)),
            answers,
        })
    }

    /// Sends one file; its answer, or what became of the child.
    fn ask(&mut self, extension: &str, bytes: &[u8], timeout: Duration) -> Outcome {
        let sent = self.stdin.as_mut().is_some_and(|stdin| {
            write_frame(stdin, extension.as_bytes())
                .and_then(|()| write_frame(stdin, bytes))
                .and_then(|()| stdin.flush())
                .is_ok()
        });
        if !sent {
            return Outcome::Crashed(self.end());
        }
        match self.answers.recv_timeout(timeout) {
            Ok(json) => match serde_json::from_slice::<Answer>(&json) {
                Ok(answer) => Outcome::Answered(answer),
                Err(_) => Outcome::Crashed(self.end()),
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.end();
                Outcome::TimedOut
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Outcome::Crashed(self.end()),
        }
    }

    /// Stops the child (if it still runs) and says how it ended.
    fn end(&mut self) -> String {
        self.stdin = None;
        let _ = self.child.kill();
        self.child
            .wait()
            .map_or_else(|e| e.to_string(), |status| status.to_string())
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.end();
    }
}

/// What became of one file sent to a worker.
enum Outcome {
    Answered(Answer),
    TimedOut,
    Crashed(String),
}

/// The reader processes of a run: idle ones wait for the next file; one that crashed or was
/// killed is not reused.
pub struct Workers {
    exe: PathBuf,
    idle: Mutex<Vec<Worker>>,
}

impl Workers {
    /// Workers that run `exe` (the `nota` binary).
    pub fn new(exe: &Path) -> Workers {
        Workers {
            exe: exe.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Extracts `path`'s `bytes` in a worker, giving up after `timeout`.
    pub fn extract(&self, path: &Path, bytes: &[u8], timeout: Duration) -> Answer {
        let failed = |kind, reason: String| FileError::new(path.display(), kind, reason);
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let idle = || self.idle.lock().unwrap_or_else(|e| e.into_inner());
        let taken = idle().pop();
        let mut worker = match taken {
            Some(worker) => worker,
            None => Worker::start(&self.exe).map_err(|e| {
                failed(
                    FailKind::Unreadable,
                    format!("no process to read it in: {e}"),
                )
            })?,
        };
        match worker.ask(&extension, bytes, timeout) {
            Outcome::Answered(answer) => {
                idle().push(worker);
                answer.map_err(|mut e| {
                    e.path = path.display().to_string();
                    e
                })
            }
            Outcome::TimedOut => Err(failed(
                FailKind::TimedOut,
                format!(
                    "reading it took longer than the --file-timeout of {} s; nota gave up on it",
                    timeout.as_secs_f64()
                ),
            )),
            Outcome::Crashed(how) => Err(failed(
                FailKind::Corrupt,
                format!(
                    "the {} reader crashed on it ({how}); its structure is probably nested too deep",
                    extension.to_uppercase()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_carry_their_bytes_and_end_cleanly() {
        let mut wire = Vec::new();
        write_frame(&mut wire, b"pdf").unwrap();
        write_frame(&mut wire, b"").unwrap();
        let mut input = wire.as_slice();
        assert_eq!(read_frame(&mut input).as_deref(), Some(&b"pdf"[..]));
        assert_eq!(read_frame(&mut input).as_deref(), Some(&b""[..]));
        assert_eq!(read_frame(&mut input), None);
        let cut = &wire[..5];
        assert_eq!(read_frame(&mut &cut[..]), None, "a cut frame is the end");
    }
}
