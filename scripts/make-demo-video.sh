#!/usr/bin/env bash
# Rebuilds resources/demo/hearing.mp4, the short video in the demo vault (invented data): six
# seconds of colour bars, H.264 in MP4 with the index at the front, about 6 KB. Kept in the
# repository because users' machines have no ffmpeg.
set -euo pipefail
cd "$(dirname "$0")/.."
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "smptebars=duration=6:size=192x108:rate=10" \
  -c:v libx264 -preset veryslow -crf 35 -pix_fmt yuv420p -g 10 -an -movflags +faststart \
  resources/demo/hearing.mp4
