#!/usr/bin/python3
"""A small blob fixture and scikit-learn's results on it, for
tests/test-kmeans.c.

    /usr/bin/python3 tests/reference/kmeans_reference.py tests/fixtures/kmeans

Writes blobs.csv (600 rows, 3 features, the true blob in "blob") and
prints the reference values: the best inertia of KMeans (lloyd,
k-means++, n_init=20) for k = 4 on the z-scored features, and the
silhouette, Calinski-Harabasz and Davies-Bouldin scores of the true
labels.
"""
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
from sklearn.preprocessing import StandardScaler

folder = sys.argv[1]
points, blobs = make_blobs(n_samples=600, centers=4, n_features=3, cluster_std=1.2, random_state=7)
with open(f"{folder}/blobs.csv", "w") as out:
    out.write("x,y,z,blob\n")
    for (x, y, z), blob in zip(points, blobs):
        out.write(f"{x!r},{y!r},{z!r},{blob}\n")
scaled = StandardScaler().fit_transform(points)
model = KMeans(n_clusters=4, init="k-means++", n_init=20, algorithm="lloyd", random_state=0).fit(scaled)
print(f"inertia {model.inertia_!r}")
print(f"silhouette {silhouette_score(scaled, blobs)!r}")
print(f"calinski_harabasz {calinski_harabasz_score(scaled, blobs)!r}")
print(f"davies_bouldin {davies_bouldin_score(scaled, blobs)!r}")
