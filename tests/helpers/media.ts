import { execFileSync } from 'node:child_process';

/**
 * A hearing-like recording made by ffmpeg: a moving test pattern with a tone, H.264 + AAC in MP4,
 * the index at the front and a keyframe every second (so seeking lands quickly).
 */
export function makeVideo(file: string, seconds = 10): void {
  execFileSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=duration=${seconds}:size=320x240:rate=25`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25'],
      ...['-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', '-shortest', file],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
