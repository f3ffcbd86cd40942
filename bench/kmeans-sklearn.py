#!/usr/bin/python3
"""scikit-learn's KMeans on the same data as bench-kmeans: lloyd,
k-means++, the same n_init. Prints "sklearn SECONDS INERTIA ITERATIONS".

    /usr/bin/python3 bench/kmeans-sklearn.py FILE [N_INIT]
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

data = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, 8)
n_init = int(sys.argv[2]) if len(sys.argv) > 2 else 3
started = time.perf_counter()
model = KMeans(n_clusters=8, init="k-means++", n_init=n_init, algorithm="lloyd",
               max_iter=300, tol=1e-4, random_state=0).fit(data)
print(f"sklearn {time.perf_counter() - started:.3f} {model.inertia_:.6f} {model.n_iter_}")
