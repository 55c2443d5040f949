# syntax=docker/dockerfile:1
#
# A small image of removalsim for clusters: a static binary (no cgo) in an
# empty image, run as a non-root user. Everything the binary needs (the
# scenarios, the dataset, the report's chart library) is embedded in it.
#
#   docker build -t removalsim:dev --build-arg VERSION=v0.1.0 --build-arg REVISION=$(git rev-parse HEAD) .
#   docker run --rm removalsim:dev run --months 12
#   docker run --rm -v "$PWD/out:/out" removalsim:dev sweep --vary capacities.officers.initial=6000,8000 --out /out/officers
#
# docs/cluster.md runs a study on Kubernetes with it.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
# Modules first, so that source edits reuse the download layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=(devel)
ARG REVISION=
# -trimpath and -buildvcs=false make the build independent of the build
# machine's paths and of a .git directory (not sent: see .dockerignore);
# the version and revision reach "removalsim --version" and every
# manifest through -X.
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X github.com/removalsim/removalsim/manifest.version=${VERSION} -X github.com/removalsim/removalsim/manifest.revision=${REVISION}" \
      -o /out/removalsim ./cmd/removalsim \
 && /out/removalsim run --months 1 > /dev/null

FROM scratch
COPY --from=build /out/removalsim /removalsim
# A numeric user, so that Kubernetes' runAsNonRoot can check it without an
# /etc/passwd (the same 65532 as distroless's "nonroot").
USER 65532:65532
WORKDIR /out
ENTRYPOINT ["/removalsim"]
CMD ["help"]
