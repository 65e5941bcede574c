package dev.berth.oci.image;

import java.nio.charset.StandardCharsets;

/** Hand-written documents in the shapes the OCI image-spec and Docker schema 2 define. */
final class Samples {
  private Samples() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static final String OCI_MANIFEST = """
      {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
          "mediaType": "application/vnd.oci.image.config.v1+json",
          "digest": "sha256:e67d23e7820c49a8051dac2831f38290f5e72f66c8db5079eeb60d82f14894c0",
          "size": 7023
        },
        "layers": [
          {
            "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
            "digest": "sha256:2804bad6fe94a55f18b2b37e300919a5fd517b95aa81e95db574c0ba069a3740",
            "size": 32654
          },
          {
            "mediaType": "application/vnd.oci.image.layer.v1.tar+zstd",
            "digest": "sha256:8a1cee436cbac1489a1883c9d886fcfc46f302c55ed4106ae31729e4f4eb9041",
            "size": 16724,
            "annotations": {"org.opencontainers.image.title": "layer-two.tar.zst"}
          },
          {
            "mediaType": "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "digest": "sha256:ceaeee3c0f91c6c853bda5200efb5a1b94c85fd8bb21171047cbd19059c15722",
            "size": 73109,
            "urls": ["https://mirror.example.com/layers/base.tar.gz"]
          }
        ],
        "subject": {
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "digest": "sha256:0697c0f434f8672811eb1b52d443d0d4cb616fa58e4d10b25e91471b7f45a665",
          "size": 1322
        },
        "annotations": {
          "com.example.key1": "value1",
          "org.opencontainers.image.created": "2024-05-01T10:00:00Z"
        }
      }""";

  static final String DOCKER_MANIFEST = """
      {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {
          "mediaType": "application/vnd.docker.container.image.v1+json",
          "size": 7023,
          "digest": "sha256:25d7348770f85599630634c25c9d0f82c542d477aba54799e167862b075edcaf"
        },
        "layers": [
          {
            "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "size": 32654,
            "digest": "sha256:df848841189621489a879baba2ec327faf38d9bbf44c674988660958bb0a69f3"
          },
          {
            "mediaType": "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "size": 16724,
            "digest": "sha256:608689afde1929ebafc7c02852d6b53dbb909820840e998b8786ac1853173487",
            "urls": ["https://mcr.example.com/foreign/layer.tar.gz"]
          }
        ]
      }""";

  static final String OCI_INDEX = """
      {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
          {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": "sha256:240389f4b730bad41f218a56c250ee7d82f42297ce7b9d0b6eb4f1cb3282c480",
            "size": 7143,
            "platform": {"architecture": "amd64", "os": "linux"}
          },
          {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": "sha256:ddf7ff5ebd9d66ce161466c1c0262430fa04de32b0e420ee3f489e2e2112e386",
            "size": 7682,
            "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}
          },
          {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": "sha256:ceaeee3c0f91c6c853bda5200efb5a1b94c85fd8bb21171047cbd19059c15722",
            "size": 566,
            "annotations": {
              "vnd.docker.reference.digest":
                  "sha256:240389f4b730bad41f218a56c250ee7d82f42297ce7b9d0b6eb4f1cb3282c480",
              "vnd.docker.reference.type": "attestation-manifest"
            },
            "platform": {"architecture": "unknown", "os": "unknown"}
          }
        ],
        "annotations": {"com.example.key1": "value1"}
      }""";

  static final String DOCKER_MANIFEST_LIST = """
      {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
        "manifests": [
          {
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "size": 7143,
            "digest": "sha256:240389f4b730bad41f218a56c250ee7d82f42297ce7b9d0b6eb4f1cb3282c480",
            "platform": {"architecture": "ppc64le", "os": "linux"}
          },
          {
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "size": 7682,
            "digest": "sha256:ddf7ff5ebd9d66ce161466c1c0262430fa04de32b0e420ee3f489e2e2112e386",
            "platform": {
              "architecture": "amd64",
              "os": "windows",
              "os.version": "10.0.17763.5458",
              "os.features": ["win32k"]
            }
          },
          {
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "size": 7682,
            "digest": "sha256:2804bad6fe94a55f18b2b37e300919a5fd517b95aa81e95db574c0ba069a3740",
            "platform": {"architecture": "arm", "os": "linux", "variant": "v7"}
          }
        ]
      }""";

  /** A config as the Docker classic builder writes it, with every modelled field and some more. */
  static final String DOCKER_CONFIG = """
      {
        "architecture": "amd64",
        "os": "linux",
        "created": "2024-05-01T10:00:00.123456789Z",
        "author": "Berth Tests <tests@berth.dev>",
        "docker_version": "24.0.7",
        "container": "3f4e1a5c9b2d",
        "config": {
          "Hostname": "",
          "Domainname": "",
          "User": "nginx:nginx",
          "AttachStdin": false,
          "Tty": false,
          "ExposedPorts": {"80/tcp": {}, "443/tcp": {}},
          "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "NGINX_VERSION=1.25.3"],
          "Entrypoint": ["/docker-entrypoint.sh"],
          "Cmd": ["nginx", "-g", "daemon off;"],
          "Healthcheck": {
            "Test": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],
            "Interval": 30000000000,
            "Timeout": 5000000000,
            "StartPeriod": 10000000000,
            "Retries": 3
          },
          "ArgsEscaped": true,
          "Image": "sha256:0697c0f434f8672811eb1b52d443d0d4cb616fa58e4d10b25e91471b7f45a665",
          "Volumes": {"/var/cache/nginx": {}},
          "WorkingDir": "/usr/share/nginx/html",
          "OnBuild": ["RUN echo child build"],
          "Labels": {"maintainer": "NGINX Docker Maintainers", "org.example.tier": "web"},
          "StopSignal": "SIGQUIT",
          "Shell": ["/bin/bash", "-c"]
        },
        "container_config": {"Hostname": "3f4e1a5c9b2d", "Cmd": ["/bin/sh", "-c", "#(nop) CMD"]},
        "rootfs": {
          "type": "layers",
          "diff_ids": [
            "sha256:0697c0f434f8672811eb1b52d443d0d4cb616fa58e4d10b25e91471b7f45a665",
            "sha256:a9485d17c39b521f9de31b558df98f81dd72a9c7498f57f27b74356ea150fbd9"
          ]
        },
        "history": [
          {
            "created": "2024-04-30T08:00:00Z",
            "created_by": "/bin/sh -c #(nop) ADD file:abc in / "
          },
          {
            "created": "2024-04-30T08:00:01Z",
            "created_by": "/bin/sh -c #(nop)  CMD [\\"bash\\"]",
            "empty_layer": true
          },
          {
            "created": "2024-05-01T10:00:00.123456789Z",
            "created_by": "RUN /bin/sh -c apt-get update # buildkit",
            "author": "Berth Tests",
            "comment": "buildkit.dockerfile.v0"
          }
        ]
      }""";

  /** A minimal OCI config for linux/arm64/v8. */
  static final String OCI_CONFIG = """
      {
        "created": "2024-05-01T10:00:00Z",
        "architecture": "arm64",
        "variant": "v8",
        "os": "linux",
        "config": {"Env": ["A=1"], "Cmd": ["/app"]},
        "rootfs": {"type": "layers", "diff_ids": []}
      }""";
}
