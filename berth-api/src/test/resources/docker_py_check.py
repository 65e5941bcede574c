"""Debian's python3-docker against berthd: run a container, read its logs, remove it.

Usage: docker_py_check.py SOCKET IMAGE; prints what it saw, exits non-zero on a mismatch."""
import sys

import docker

client = docker.DockerClient(base_url="unix://" + sys.argv[1])
assert client.ping()
version = client.version()
assert version["ApiVersion"] == "1.44", version
container = client.containers.run(sys.argv[2], ["sh", "-c", "echo from docker-py; exit 0"],
                                  detach=True, network_mode="none")
result = container.wait()
logs = container.logs().decode()
container.remove()
print("status", result["StatusCode"], "logs", repr(logs))
assert result["StatusCode"] == 0
assert logs == "from docker-py\n", logs
names = [c.name for c in client.containers.list(all=True)]
assert container.name not in names, names
print("ok")
