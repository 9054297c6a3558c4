"""OpenSearch indexing raw texts with its built-in `dutch` analyzer: a plain `_bulk` of path +
text, 4 MB per request, one request at a time (the baseline of benches/opensearch.sh).

    python3 plain_bulk.py http://HOST:PORT/INDEX FOLDER   # prints the seconds it took
"""
import json
import os
import sys
import time
import urllib.request


def call(method, url, body=None, content_type="application/json"):
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")


def main():
    url, folder = sys.argv[1], sys.argv[2]
    base, index = url.rsplit("/", 1)
    mapping = {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0},
        "mappings": {
            "properties": {
                "path": {"type": "keyword"},
                "text": {"type": "text", "analyzer": "dutch"},
            }
        },
    }
    call("PUT", url, json.dumps(mapping).encode())
    start = time.time()
    batch = []
    size = 0

    def send():
        answer = call("POST", f"{base}/_bulk", b"".join(batch), "application/x-ndjson")
        if answer.get("errors"):
            sys.exit("plain_bulk: the cluster refused documents")

    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            text = f.read().decode("utf-8", "replace")
        action = json.dumps({"index": {"_index": index, "_id": name}}) + "\n"
        source = json.dumps({"path": name, "text": text}) + "\n"
        batch.append(action.encode() + source.encode())
        size += len(batch[-1])
        if size >= 4 << 20:
            send()
            batch, size = [], 0
    if batch:
        send()
    call("POST", f"{url}/_refresh")
    print(f"{time.time() - start:.3f}")


if __name__ == "__main__":
    main()
