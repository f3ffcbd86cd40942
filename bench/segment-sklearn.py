#!/usr/bin/python3
"""What `mercato-cli segment FILE --k 8 --scale none --n-init N` does,
with pandas and scikit-learn: read the CSV, then KMeans (lloyd,
k-means++, the same n_init and tolerance). The time is that of read_csv
and fit, after the imports; the peak memory is the whole process's.
Prints "sklearn SECONDS PEAK_MB INERTIA".

    /usr/bin/python3 bench/segment-sklearn.py FILE [N_INIT]
"""
import resource
import sys
import time

import pandas as pd
from sklearn.cluster import KMeans

started = time.perf_counter()
data = pd.read_csv(sys.argv[1])
n_init = int(sys.argv[2]) if len(sys.argv) > 2 else 10
model = KMeans(n_clusters=8, init="k-means++", n_init=n_init, algorithm="lloyd",
               max_iter=300, tol=1e-4, random_state=0).fit(data.to_numpy())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"sklearn {time.perf_counter() - started:.3f} {peak} {model.inertia_:.6f}")
