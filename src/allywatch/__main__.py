"""Run the command line as ``python -m allywatch``."""

from allywatch.cli import main

if __name__ == "__main__":
    main()
