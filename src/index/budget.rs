//! The memory an indexing run may use (`--memory MB`), and how its parts share it: the tantivy
//! writer's arenas, the prepared documents on their way into the index (their text and tokens,
//! from the moment a worker has prepared one until tantivy has indexed it), the workers' word
//! memories, and the segments one merge reads (mapped into memory) at the end of the run. Each
//! share is a setting of the run, not a constant of the process, and none grows with the number
//! of files.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use crate::analysis::filters::memo::DEFAULT_MEMO_BYTES;

/// The default budget, in MB.
pub const DEFAULT_MEMORY_MB: u64 = 600;
/// The smallest budget accepted, in MB: tantivy wants 15 MB per writer thread.
pub const MIN_MEMORY_MB: u64 = 100;

/// How a run's memory is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryBudget {
    total: usize,
}

impl MemoryBudget {
    /// A budget of `mb` megabytes (at least [`MIN_MEMORY_MB`]).
    pub fn megabytes(mb: u64) -> MemoryBudget {
        let mb = mb.max(MIN_MEMORY_MB);
        MemoryBudget {
            total: usize::try_from(mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX),
        }
    }

    /// The whole budget in bytes.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The tantivy writer's arenas, shared by its threads: half. A segment is written each time a
    /// thread's share fills, and every segment costs a cold search a read of its files' footers,
    /// so this is the largest share.
    pub fn writer(&self) -> usize {
        self.total / 2
    }

    /// Prepared documents (text and tokens) between the workers and the index: 15%.
    pub fn in_flight(&self) -> usize {
        self.total / 100 * 15
    }

    /// One worker's word memory, out of 5% shared by `workers` (at most the default; the 345,000
    /// distinct words of the 238 MB test corpus take some 10 MB).
    pub fn memo_per_worker(&self, workers: usize) -> usize {
        (self.total / 20 / workers.max(1)).min(DEFAULT_MEMO_BYTES)
    }

    /// The most bytes of segments one merge may read: 30%. Merges run after the commit, when
    /// the writer's arenas are gone, one at a time.
    pub fn merge(&self) -> u64 {
        (self.total / 100 * 30) as u64
    }
}

impl Default for MemoryBudget {
    fn default() -> Self {
        MemoryBudget::megabytes(DEFAULT_MEMORY_MB)
    }
}

/// Bytes of prepared documents in flight, bounded: a worker with a new document waits while the
/// documents before it hold the limit (unless none is in flight, so that one document larger than
/// the limit still goes), and a document gives its bytes back when it is dropped, which tantivy
/// does once it has indexed it. Closing it (the end of the run, also an early one) lets every
/// waiting worker go.
pub struct InFlight {
    state: Mutex<State>,
    room: Condvar,
    limit: usize,
}

#[derive(Default)]
struct State {
    bytes: usize,
    closed: bool,
}

impl InFlight {
    /// An empty account with room for `limit` bytes.
    pub fn new(limit: usize) -> Arc<InFlight> {
        Arc::new(InFlight {
            state: Mutex::new(State::default()),
            room: Condvar::new(),
            limit,
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether a document of `bytes` must wait, given what is in flight.
    fn must_wait(&self, state: &State, bytes: usize) -> bool {
        !state.closed && state.bytes > 0 && state.bytes + bytes > self.limit
    }

    /// Whether a document of `bytes` would wait now.
    pub fn would_wait(&self, bytes: usize) -> bool {
        self.must_wait(&self.state(), bytes)
    }

    /// Waits for room for `bytes`, then counts them until the returned charge is dropped.
    pub fn charge(self: &Arc<Self>, bytes: usize) -> Charge {
        let mut state = self.state();
        while self.must_wait(&state, bytes) {
            state = self.room.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.bytes += bytes;
        Charge {
            owner: Arc::clone(self),
            bytes,
        }
    }

    /// Stops making anyone wait.
    pub fn close(&self) {
        self.state().closed = true;
        self.room.notify_all();
    }

    /// Bytes counted now.
    pub fn bytes(&self) -> usize {
        self.state().bytes
    }
}

/// Bytes counted in an [`InFlight`] until dropped.
pub struct Charge {
    owner: Arc<InFlight>,
    bytes: usize,
}

impl Drop for Charge {
    fn drop(&mut self) {
        let mut state = self.owner.state();
        state.bytes -= self.bytes;
        drop(state);
        self.owner.room.notify_all();
    }
}

/// Closes an [`InFlight`] when dropped: held by the run's writer side, so that an error that ends
/// the run lets waiting workers go before they are joined.
pub struct CloseOnDrop(pub Arc<InFlight>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn shares_stay_within_the_budget() {
        let budget = MemoryBudget::megabytes(600);
        let parts = budget.writer() + budget.in_flight() + 2 * budget.memo_per_worker(2);
        assert!(parts + budget.merge() as usize <= budget.total());
        assert_eq!(
            MemoryBudget::megabytes(1),
            MemoryBudget::megabytes(MIN_MEMORY_MB)
        );
    }

    #[test]
    fn a_full_account_makes_the_next_document_wait_until_one_is_dropped() {
        let in_flight = InFlight::new(100);
        let first = in_flight.charge(80);
        let (sent, waited) = mpsc::channel();
        let waiting = {
            let in_flight = Arc::clone(&in_flight);
            std::thread::spawn(move || {
                let charge = in_flight.charge(50);
                sent.send(()).unwrap();
                drop(charge);
            })
        };
        // The second charge cannot go while the first holds 80 of 100 bytes; it goes as soon as
        // the first is dropped (no timing decides the outcome, only the order of events).
        assert!(in_flight.would_wait(50));
        assert!(!in_flight.would_wait(20));
        drop(first);
        waited
            .recv_timeout(Duration::from_secs(30))
            .expect("room once the first document is dropped");
        waiting.join().unwrap();
        assert_eq!(in_flight.bytes(), 0);
    }

    #[test]
    fn one_document_larger_than_the_limit_still_goes() {
        let in_flight = InFlight::new(10);
        let big = in_flight.charge(1000);
        assert_eq!(in_flight.bytes(), 1000);
        drop(big);
        assert_eq!(in_flight.bytes(), 0);
    }

    #[test]
    fn closing_lets_waiting_workers_go() {
        let in_flight = InFlight::new(10);
        let _held = in_flight.charge(10);
        let waiting = {
            let in_flight = Arc::clone(&in_flight);
            std::thread::spawn(move || drop(in_flight.charge(10)))
        };
        drop(CloseOnDrop(Arc::clone(&in_flight)));
        waiting.join().unwrap();
    }
}
