"""The build wing: the machinery that executes the notebooks and renders the book.

No chapter imports it, and it imports no chapter's code: it runs notebooks in kernels.

- :mod:`helpers.build.book`     stage the sources, execute, render, swap in (``python -m helpers.build``);
- :mod:`helpers.build.toc`      the documents and notebooks of ``_toc.yml``, in order;
- :mod:`helpers.build.digest`   content hashes of what an executed notebook depends on;
- :mod:`helpers.build.execute`  the one way a notebook is executed (book and sweep), :class:`BuildError`;
- :mod:`helpers.build.sweep`    every scenario × chapter, resumable (``make sweep``);
- :mod:`helpers.build.outputs`  re-execute the notebooks in place (``make outputs``);
- :mod:`helpers.build.bench`    time and memory of a clean build, the tests, the sweep (``make bench``).
"""
