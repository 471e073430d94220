"""The bundled program's entry point: the window without arguments, the CLI with them."""

import multiprocessing
import sys

from transcribe_app.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # Windows bundles: child processes re-enter here
    sys.exit(main())
