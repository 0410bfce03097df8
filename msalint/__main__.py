"""`python -m msalint` entry point."""
from msalint.cli import main

if __name__ == "__main__":
    main()
