"""Worker processes that end when the program that started them is gone."""

from __future__ import annotations

import os
import threading
import time

PARENT_CHECK_S = 0.5


def exit_with_parent(parent_pid: int) -> None:
    """Process-pool initializer: end this worker once its parent process has died.

    A worker whose parent was killed (``kill -9``) would otherwise wait on its queue forever,
    and keep the multiprocessing resource tracker alive with it. When the parent dies the
    worker is given a new parent (init or a subreaper), which a watcher thread notices.
    """

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
