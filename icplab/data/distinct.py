"""Whether a text column certainly holds no value twice, at scan speed: one 64-bit hash
per value computed in numpy over the column's Arrow buffers, then a duplicate check on
the hashes (integers, not strings).

Equal values have equal hashes, so distinct hashes prove distinct values. When two
hashes agree (a repeated value, or, rarely, two values with one hash) the answer is
"not shown", and the caller runs its exact check, which names the rows. A log's duplicate
check (CONTRACT section 1) asks this first: with a million distinct prospect ids it costs
a fraction of hashing the strings themselves.

Examples
--------
>>> import pandas as pd
>>> certainly_distinct(pd.Series(["P001", "P002", "P010"]))
True
>>> certainly_distinct(pd.Series(["P001", "P002", "P001"]))
False
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Values longer than this many bytes are not screened (the caller's exact check runs).
MAX_BYTES = 64
_MIX = np.uint64(0x9E3779B97F4A7C15)
_PRIME = np.uint64(0x100000001B3)
#: The low ``r`` bytes of a little-endian word, for r = 0 .. 8.
_MASKS = np.array([(1 << (8 * r)) - 1 for r in range(8)] + [2**64 - 1], dtype=np.uint64)


def certainly_distinct(values: pd.Series) -> bool:
    """Whether no two values of ``values`` are equal, shown by their hashes.

    ``False`` means "not shown": a value may repeat (or two hashes agree, or the column
    is not an Arrow text column without blanks, or a value is longer than
    :data:`MAX_BYTES` bytes); the caller then checks exactly.
    """
    if len(values) < 2:
        return True
    dtype = values.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return False
    import pyarrow as pa

    arr = pa.array(values.array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.null_count:
        return False
    if pa.types.is_string(arr.type):
        arr = arr.cast(pa.large_string())  # 64-bit offsets
    if not pa.types.is_large_string(arr.type):
        return False
    _, offset_buffer, data_buffer = arr.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
    start = offsets[:-1]
    length = offsets[1:] - start
    longest = int(length.max())
    if longest == 0 or longest > MAX_BYTES:
        return False  # every value empty (they repeat), or too long to screen
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    padded = np.zeros(len(data) + 8, dtype=np.uint8)
    padded[: len(data)] = data
    # the eight bytes from each position, as one little-endian word (an overlapping view)
    words = np.ndarray(shape=(len(data) + 1,), dtype="<u8", buffer=padded, strides=(1,))
    digest = length.astype(np.uint64) * _MIX
    for k in range(0, longest, 8):
        left = np.clip(length - k, 0, 8)
        word = words[np.minimum(start + k, len(data))] & _MASKS[left]
        digest = (digest ^ word) * _PRIME
        digest ^= digest >> np.uint64(32)
    return not pd.Index(digest).has_duplicates
