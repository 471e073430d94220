"""One writer per project: a lock file beside the project, so that two writers never lose each other's work.

Without it, ``meta`` run while a transcription of the same project is going
reports success, and the transcription's next save silently writes the old
metadata back; a window and a command on one project do the same to each other.

Every command or window that writes a project first takes its lock: the file
``NAME.transkript.json.lock`` beside it, created atomically (``O_CREAT|O_EXCL``:
of two writers racing, exactly one creates it). It holds, as JSON, who holds
it: the process id and computer, what holds it ("transcribing", "the window",
the command) and since when, and a random token. Readers (``info``, ``cite`` …)
never look at it.

A lock whose holder is gone is taken over, with a notice:

- on this computer, when its process no longer runs (a crash, a kill, a power cut);
- from another computer (a project on a shared drive), when its holder has not
  refreshed it for ``OTHER_COMPUTER_STALE_AFTER``: a holder touches its lock every
  ``REFRESH_EVERY`` seconds while it holds it, so a lock that old was left behind.

Taking over goes through a second, short-lived file (``….lock.takeover``), so
that of several writers that find the same stale lock only one replaces it.

A child process may write under its parent's lock (the window's transcription
worker): the parent passes its token in the environment variable ``HANDOVER_VARIABLE``,
and the child, finding the lock held with that token, goes ahead without taking it
(``ProjectLock.acquire`` returns ``INHERITED``) and leaves it in place when it ends.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ..errors import TranskriptError

HANDOVER_VARIABLE = "TRANSKRIPT_PROJECT_LOCK"
REFRESH_EVERY = 300.0  # seconds between the holder's touches of its lock
OTHER_COMPUTER_STALE_AFTER = 2 * 3600.0  # a lock from another computer untouched this long was left behind
_HALF_WRITTEN_GRACE = 30.0  # an empty or unreadable lock younger than this is being written right now
_TAKEOVER_GRACE = 60.0  # a takeover file older than this was left by a writer that died taking over

# What holds a lock, as the lock file and the messages name it.
TRANSCRIBING = "transcribing"
WINDOW = "the window"

# What ``acquire`` did.
TAKEN, INHERITED, NOT_POSSIBLE = "taken", "inherited", "not possible"

# Tokens of the locks this process holds now: a lock file naming this process's id that is not
# among them was left by an earlier process that had the same id (ids are reused).
_held_here: set[str] = set()


class ProjectLockedError(TranskriptError):
    """Another window or command is writing the project; this one must not."""

    exit_code = 2

    def __init__(self, message: str, holder: LockHolder | None = None):
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True)
class LockHolder:
    """Who holds a project's lock, as its lock file says."""

    pid: int
    host: str
    holder: str  # TRANSCRIBING, WINDOW, or the command ("meta", "clean" …)
    since: str  # ISO 8601 with the UTC offset
    token: str
    helper_pid: int = 0  # a child writing under this lock (the window's transcription worker), or 0

    def to_json(self) -> str:
        return json.dumps({"program": "Transkript", **asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LockHolder | None:
        """The holder a lock file names, or None if the text is not a lock (empty, half-written, foreign)."""
        try:
            data = json.loads(text)
            return cls(
                pid=int(data["pid"]),
                host=str(data["host"]),
                holder=str(data["holder"]),
                since=str(data["since"]),
                token=str(data["token"]),
                helper_pid=int(data.get("helper_pid") or 0),
            )
        except (ValueError, TypeError, KeyError, OverflowError, RecursionError):
            return None


def lock_path(project_path: str | os.PathLike[str]) -> Path:
    """The lock file of a project: ``NAME.transkript.json.lock`` beside it.

    A project whose name leaves no room for ``.lock`` (file names stop at 255 bytes) gets a
    lock named after a hash of its name instead, so that every writer still finds the same file.
    """
    path = Path(project_path)
    name = path.name + ".lock"
    if len(os.fsencode(name)) > 250:
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:24]
        name = f".{digest}.transkript.lock"
    return path.with_name(name)


def this_computer() -> str:
    return socket.gethostname() or "this computer"


def process_alive(pid: int) -> bool:
    """True if a process with this id runs on this computer (or might: when in doubt, it runs)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    except OSError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """True if the process has ended but not been reaped yet (Linux): it runs no more and writes nothing.

    A killed batch's transcription child is reparented and stays a zombie until the system reaps it;
    ``os.kill(pid, 0)`` still finds it, and its lock would look held for that while.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # "pid (name) state …": the name may hold spaces and brackets, so read after the last ")".
            return stat.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def _windows_process_alive(pid: int) -> bool:
    # os.kill on Windows would terminate the process: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def read_holder(project_path: str | os.PathLike[str]) -> LockHolder | None:
    """Who holds the project's lock now, or None when nobody does (or the lock cannot be read)."""
    try:
        return LockHolder.from_json(lock_path(project_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


class ProjectLock:
    """The lock of one project, taken by one writer. A context manager::

        with ProjectLock(path, "meta"):
            project = load_project(path)
            ...
            save_project(project, path)

    ``acquire`` raises ``ProjectLockedError`` (exit 2, a sentence saying who writes the project)
    when another writer holds it. ``on_notice`` hears about a stale lock taken over.
    ``pid``, ``host`` and ``alive`` are for tests that play several processes in one.
    """

    def __init__(
        self,
        project_path: str | os.PathLike[str],
        holder: str,
        *,
        on_notice: Callable[[str], None] | None = None,
        handover: str | None = None,
        refresh_every: float | None = REFRESH_EVERY,
        pid: int | None = None,
        host: str | None = None,
        alive: Callable[[int], bool] = process_alive,
    ):
        self.project_path = Path(project_path)
        self.path = lock_path(self.project_path)
        self.holder = holder
        self._notice = on_notice or (lambda message: None)
        self._handover = handover
        self._refresh_every = refresh_every
        self._pid = os.getpid() if pid is None else pid
        self._host = this_computer() if host is None else host
        self._alive = alive
        self._mine: LockHolder | None = None
        self._inherited = False
        self._stop_refresh = threading.Event()

    # -- taking and giving back ----------------------------------------------------------

    @property
    def held(self) -> bool:
        """True while this object holds the lock (taken, or inherited from the parent)."""
        return self._mine is not None or self._inherited

    @property
    def token(self) -> str | None:
        """What a child process needs (in ``HANDOVER_VARIABLE``) to write under this lock."""
        return self._mine.token if self._mine is not None else None

    def acquire(self) -> str:
        """Take the lock: ``TAKEN``, ``INHERITED`` (the parent's, handed over), or ``NOT_POSSIBLE``.

        ``NOT_POSSIBLE``: the folder does not exist or no file can be made in it, so the
        project cannot be written there either; the writer's own save reports that.
        """
        if self.held:
            return INHERITED if self._inherited else TAKEN
        for _attempt in range(20):
            try:
                self._create()
                return TAKEN
            except FileExistsError:
                pass
            except OSError as error:
                if error.errno in (errno.ENOENT, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR):
                    return NOT_POSSIBLE
                raise TranskriptError(
                    f"The lock “{self.path.name}” beside the project could not be made: "
                    f"{error.strerror or error}."
                ) from error
            found = self._read()
            if found is None:
                if self._vanished_or_left_half_written():
                    continue
                raise ProjectLockedError(self._unknown_holder_message())
            if self._handover is not None and secrets.compare_digest(
                found.token.encode("utf-8"), self._handover.encode("utf-8")
            ):
                self._inherited = True
                return INHERITED
            stale = self._stale_reason(found)
            if stale is None:
                raise ProjectLockedError(self.locked_message(found), found)
            if self._take_over(found):
                self._notice(stale)
                return TAKEN
            time.sleep(0.05)  # another writer is taking it over right now; look again
        found = self._read()
        raise ProjectLockedError(
            self.locked_message(found) if found else self._unknown_holder_message(), found
        )

    def release(self) -> None:
        """Give the lock back (only if it is still ours: a lock taken over is not removed)."""
        self._stop_refresh.set()
        self._inherited = False
        mine, self._mine = self._mine, None
        if mine is None:
            return
        _held_here.discard(mine.token)
        found = self._read()
        if found is not None and found.token == mine.token:
            try:
                os.unlink(self.path)
            except OSError:
                pass

    def still_ours(self) -> bool:
        """True if the lock file still names this holder (nobody took it over meanwhile)."""
        if self._inherited:
            return True
        if self._mine is None:
            return False
        found = self._read()
        return found is not None and found.token == self._mine.token

    def describe_as(self, holder: str, helper_pid: int = 0) -> None:
        """Say in the lock what holds it now (the window while its worker transcribes: TRANSCRIBING),
        and which child writes under it (``helper_pid``): while that child runs, the lock is not
        stale even if its holder is gone (the window crashed; its worker is saving its last part)."""
        if self._mine is None:
            return
        self.holder = holder
        mine = self._mine
        updated = LockHolder(mine.pid, mine.host, holder, mine.since, mine.token, helper_pid)
        staging = self.path.with_name(self.path.name + f".{self._mine.token[:8]}.tmp")
        try:  # replaced in one step, so that the lock exists at every moment
            staging.write_text(updated.to_json(), encoding="utf-8")
            os.replace(staging, self.path)
        except OSError:
            try:
                os.unlink(staging)
            except OSError:
                pass
            return
        self._mine = updated

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> bool:
        self.release()
        return False

    # -- the messages ---------------------------------------------------------------------

    def locked_message(self, found: LockHolder) -> str:
        """The sentence a second writer gets: who writes the project, where, since when, what to do."""
        name = self.project_path.name
        if found.holder == TRANSCRIBING:
            what = f"“{name}” is being transcribed by another window or command"
            advice = "wait for it to finish or close it there."
        elif found.holder == WINDOW:
            what = f"“{name}” is open in another Transkript window"
            advice = "close it there (or wait), then try again."
        else:
            what = f"“{name}” is being changed by another command (transcribe-app {found.holder})"
            advice = "wait for it to finish, then try again."
        if found.host == self._host:
            where = f"process {found.pid} on this computer, since {_when(found.since)}"
            remedy = f" If no Transkript runs on this computer any more, delete “{self.path.name}” beside it."
        else:
            where = f"process {found.pid} on the computer “{found.host}”, since {_when(found.since)}"
            remedy = (
                f" If Transkript no longer runs there, delete “{self.path.name}” beside the project "
                f"(it is ignored anyway once it is {OTHER_COMPUTER_STALE_AFTER / 3600:g} hours old)."
            )
        return f"{what} ({where}); {advice}{remedy}"

    def _unknown_holder_message(self) -> str:
        return (
            f"“{self.project_path.name}” is locked by another window or command, but its lock "
            f"“{self.path.name}” cannot be read. Wait a moment and try again; if it stays, and no "
            "Transkript runs, delete that file."
        )

    # -- inside -----------------------------------------------------------------------------

    def _create(self) -> None:
        mine = LockHolder(
            pid=self._pid,
            host=self._host,
            holder=self.holder,
            since=datetime.now().astimezone().isoformat(timespec="seconds"),
            token=secrets.token_hex(16),
        )
        # Known as this process's own before the file names it: another thread of this process that
        # reads the new lock at once must find it held, not left by an earlier process of this id.
        _held_here.add(mine.token)
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except BaseException:
            _held_here.discard(mine.token)
            raise
        try:
            os.write(fd, mine.to_json().encode("utf-8"))
        except OSError:  # a full disk: leave no empty lock behind to hold up the next writer
            _held_here.discard(mine.token)
            os.close(fd)
            os.unlink(self.path)
            raise
        try:
            os.fsync(fd)  # durability is a bonus here (some network drives refuse it)
        except OSError:
            pass
        finally:
            os.close(fd)
        self._mine = mine
        self._stop_refresh.clear()
        if self._refresh_every:
            threading.Thread(target=self._keep_fresh, name="project-lock-refresh", daemon=True).start()

    def _read(self) -> LockHolder | None:
        try:
            return LockHolder.from_json(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None

    def _vanished_or_left_half_written(self) -> bool:
        """An unreadable lock: gone meanwhile (look again), being written (held) or left broken."""
        try:
            age = time.time() - os.stat(self.path).st_mtime
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if age < _HALF_WRITTEN_GRACE:
            return False
        try:
            os.unlink(self.path)  # a writer that died between creating and filling it
        except FileNotFoundError:
            pass
        except OSError:
            return False
        return True

    def _stale_reason(self, found: LockHolder) -> str | None:
        """Why ``found`` no longer holds the project (the notice), or None while it does."""
        name = self.project_path.name
        if found.host == self._host:
            if found.pid == self._pid:
                if found.token in _held_here:
                    return None  # this very process holds it (another window or command in it)
                return (
                    f"Took over the lock of “{name}”: it was left by an earlier Transkript "
                    f"({found.holder}, since {_when(found.since)}) that no longer runs."
                )
            if self._alive(found.pid) or (found.helper_pid and self._alive(found.helper_pid)):
                return None
            return (
                f"Took over the lock of “{name}”: it was left by Transkript ({found.holder}, process "
                f"{found.pid}, since {_when(found.since)}), which stopped without giving it back."
            )
        try:
            age = time.time() - os.stat(self.path).st_mtime
        except OSError:
            return None
        if age < OTHER_COMPUTER_STALE_AFTER:
            return None
        return (
            f"Took over the lock of “{name}” from the computer “{found.host}” ({found.holder}, since "
            f"{_when(found.since)}): it was not renewed for {age / 3600:.0f} hours, so Transkript "
            "there no longer runs."
        )

    def _take_over(self, stale: LockHolder) -> bool:
        """Replace the stale lock with ours, unless another writer did first. True if ours now."""
        gate = self.path.with_name(self.path.name + ".takeover")
        try:
            os.close(os.open(gate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            try:
                if time.time() - os.stat(gate).st_mtime > _TAKEOVER_GRACE:
                    os.unlink(gate)  # left by a writer that died while taking over
            except OSError:
                pass
            return False
        except OSError:
            return False
        try:
            found = self._read()
            if found is None or found.token != stale.token:
                return False  # changed meanwhile: somebody else took it (or gave it back)
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
            try:
                self._create()
            except FileExistsError:  # a plain writer came between: it holds it now
                return False
            return True
        finally:
            try:
                os.unlink(gate)
            except OSError:
                pass

    def _keep_fresh(self) -> None:
        """Touch the lock now and then, so that another computer sees it is alive (see the module)."""
        while not self._stop_refresh.wait(self._refresh_every):
            mine = self._mine
            if mine is None:
                return
            found = self._read()
            if found is None or found.token != mine.token:
                return  # taken over; the holder finds out when it next checks ``still_ours``
            try:
                os.utime(self.path)
            except OSError:
                pass


def _when(since: str) -> str:
    """10:02 today, else 2026-12-03 10:02 (as the lock was written; in this computer's time)."""
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        return since
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    if moment.date() == datetime.now().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")
