"""The page allocator of a :class:`~kvcc.runtime.cache.KVCache`: a free list and a
reference count per page (pages shared after ``fork`` are copied on first write)."""

from __future__ import annotations


class CacheFull(RuntimeError):
    """The cache has fewer free pages than a step needs. Raised before anything is
    written: the cache is exactly as it was."""


class PageAllocator:
    """``num_pages`` pages, handed out lowest id first, each with a reference count."""

    def __init__(self, num_pages: int) -> None:
        self.num_pages = num_pages
        self._free = list(range(num_pages - 1, -1, -1))  # pop() gives the lowest id
        self._refs = [0] * num_pages

    @property
    def available(self) -> int:
        return len(self._free)

    @property
    def in_use(self) -> int:
        return self.num_pages - len(self._free)

    def take(self, n: int) -> list[int]:
        """``n`` free pages, each referenced once (the caller checked ``available``)."""
        if n > len(self._free):
            raise CacheFull(f"{n} pages asked, {len(self._free)} free")
        out = [self._free.pop() for _ in range(n)]
        for p in out:
            self._refs[p] = 1
        return out

    def share(self, pages: list[int]) -> None:
        """One more reference to each page (a forked sequence)."""
        for p in pages:
            self._refs[p] += 1

    def release(self, pages: list[int]) -> None:
        """One reference fewer to each page; a page nobody references is free again."""
        for p in pages:
            self._refs[p] -= 1
            if self._refs[p] == 0:
                self._free.append(p)
        self._free.sort(reverse=True)

    def shared(self, page: int) -> bool:
        return self._refs[page] > 1

    def refs(self, page: int) -> int:
        return self._refs[page]
