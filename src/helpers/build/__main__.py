"""``python -m helpers.build``: build the book (:func:`helpers.build.book.main`)."""

import sys

from helpers.build.book import main

if __name__ == "__main__":
    sys.exit(main())
