"""Workers for a batch: run one function over many items, N at a time, and stop when told.

In: a picklable function, its items, the number of workers, processes or threads. Out: (item,
result) pairs in the order they finish. Processes suit the rules (CPU-bound); threads suit model
calls (I/O-bound, one shared client with one cache and one bound on concurrent calls).

Stopping (an interrupt, or an exception in the consumer) cancels every item not started and
abandons the running ones at once: worker processes are killed; worker threads are daemon threads
(a model call cannot be cancelled from outside), left to end with the process, which the CLI then
leaves at once rather than wait for their calls (`BatchResult.abandoned`). A worker process
also watches its parent and exits when the parent is gone, so a kill -9 of the batch leaves no
orphans. What a killed worker was writing is a temporary file, which the next run removes.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
PARENT_POLL_S = 0.2
# The consumer waits in slices: Ctrl-C may land on another thread, and only the main thread's Python code
# raises KeyboardInterrupt, which a wait with no timeout never returns to.
WAKE_S = 0.2


def run_workers(
    fn: Callable[[Item], Result], items: list[Item], workers: int, *, threads: bool
) -> Generator[tuple[Item, Result], None, None]:
    """Yield (item, fn(item)) as each finishes. Closing the iterator early (or an exception) stops the rest.

    Threads are used even for one worker: the caller's thread then only waits, so an interrupt reaches it at once
    instead of waiting for a model call to return."""
    if not threads and (workers <= 1 or len(items) <= 1):
        for item in items:
            yield item, fn(item)
        return
    pool: _Pool[Item, Result] = _Threads(fn, workers) if threads else _Processes(fn, workers)
    try:
        yield from pool.run(items)
    finally:
        pool.stop()


class _Pool(Generic[Item, Result]):
    def run(self, items: list[Item]) -> Iterator[tuple[Item, Result]]:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class _Processes(_Pool[Item, Result]):
    def __init__(self, fn: Callable[[Item], Result], workers: int) -> None:
        self.fn = fn
        context = _context()
        # Only this process holds the write end: a worker sees end-of-file on its read end when we are gone.
        self.alive_r, self.alive_w = context.Pipe(duplex=False)
        self.executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_worker_started, initargs=(self.alive_r,)
        )
        self.finished = False

    def run(self, items: list[Item]) -> Iterator[tuple[Item, Result]]:
        futures: dict[Future[Result], Item] = {self.executor.submit(self.fn, item): item for item in items}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=WAKE_S, return_when=FIRST_COMPLETED)
            for future in done:
                yield futures[future], future.result()
        self.finished = True

    def stop(self) -> None:
        try:
            if self.finished:
                self.executor.shutdown(wait=True)
                return
            kill = getattr(self.executor, "kill_workers", None)  # Python 3.14
            processes = list((getattr(self.executor, "_processes", None) or {}).values())  # gone after shutdown
            self.executor.shutdown(wait=False, cancel_futures=True)
            if callable(kill):
                kill()
                return
            for process in processes:
                process.kill()
            for process in processes:
                process.join(5)
        finally:
            self.alive_w.close()
            self.alive_r.close()


class _Threads(_Pool[Item, Result]):
    def __init__(self, fn: Callable[[Item], Result], workers: int) -> None:
        self.fn = fn
        self.workers = workers
        self.stopped = threading.Event()
        self.todo: queue.SimpleQueue[Item] = queue.SimpleQueue()
        self.done: queue.SimpleQueue[tuple[Item, Result | None, BaseException | None]] = queue.SimpleQueue()

    def run(self, items: list[Item]) -> Iterator[tuple[Item, Result]]:
        for item in items:
            self.todo.put(item)
        for k in range(max(1, min(self.workers, len(items)))):
            threading.Thread(target=self._work, name=f"batch-worker-{k}", daemon=True).start()
        for _ in items:
            while True:
                try:
                    item, result, error = self.done.get(timeout=WAKE_S)
                    break
                except queue.Empty:
                    continue
            if error is not None:
                raise error  # a bug in a worker stays loud
            yield item, result  # type: ignore[misc]

    def _work(self) -> None:
        while not self.stopped.is_set():
            try:
                item = self.todo.get_nowait()
            except queue.Empty:
                return
            try:
                self.done.put((item, self.fn(item), None))
            except BaseException as exc:  # handed to the consumer, raised there
                self.done.put((item, None, exc))

    def stop(self) -> None:
        self.stopped.set()


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (no fork of a process with threads, such as the progress bar's), with the
    pipeline imported once in the server so that each worker starts at once; spawn elsewhere."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extractor.batch", "extractor.pipeline", "extractor.extractors"])
    return context


def _worker_started(alive: Connection) -> None:
    """In each worker process: an interrupt is the parent's to handle; exit when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch = threading.Thread(target=_exit_with_parent, args=(alive, os.getppid()), name="watch-parent", daemon=True)
    watch.start()


def _exit_with_parent(alive: Connection, parent: int) -> None:
    """End this process when the batch is gone: its pipe reads end-of-file (spawn, forkserver) or this process
    was handed to another parent (fork, where every child inherits the pipe's write end)."""
    while os.getppid() == parent:
        try:
            if alive.poll(PARENT_POLL_S):
                break
        except (OSError, EOFError):
            break
    os._exit(1)
