import { useEffect, useRef, useState } from 'react';
import type { ItemSummary } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import './thumb.css';

/** Thumbnails are drawn at most this size (CSS pixels); the picture itself never stays in the page. */
const WIDTH = 64;
const HEIGHT = 48;
/** Larger images are not decoded for a thumbnail (memory), they get the placeholder. */
const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

/** At most two thumbnails decode at a time, so a long list does not stall the page. */
let running = 0;
const waiting: Array<() => void> = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resume) => waiting.push(resume));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function draw(canvas: HTMLCanvasElement, source: CanvasImageSource, width: number, height: number): void {
  const scale = Math.min(WIDTH / width, HEIGHT / height, 1);
  canvas.width = Math.max(1, Math.round(width * scale * devicePixelRatio));
  canvas.height = Math.max(1, Math.round(height * scale * devicePixelRatio));
  canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height);
}

async function drawImage(canvas: HTMLCanvasElement, url: string): Promise<void> {
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
    draw(canvas, image, image.naturalWidth, image.naturalHeight);
  } finally {
    image.src = '';
  }
}

/** A video's poster: the frame at one second (or a tenth of a short clip), read by range requests. */
async function drawPoster(canvas: HTMLCanvasElement, url: string): Promise<void> {
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'metadata';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timeout')), 15_000);
      video.onloadedmetadata = () => (video.currentTime = Math.min(1, (video.duration || 0) / 10));
      video.onseeked = () => {
        clearTimeout(timer);
        resolve();
      };
      video.onerror = () => {
        clearTimeout(timer);
        reject(new Error('unreadable video'));
      };
      video.src = url;
    });
    draw(canvas, video, video.videoWidth, video.videoHeight);
  } finally {
    video.removeAttribute('src');
    video.load();
  }
}

/**
 * A small picture of an image or a video's poster frame in the evidence list, drawn in the page from
 * the same decrypted media ticket the viewer uses (served with no-store: nothing lands in a cache on
 * disk). Drawn when the row scrolls into view; anything that cannot be drawn shows a neutral placeholder.
 */
export function ItemThumb({ item }: { item: ItemSummary }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLSpanElement>(null);
  const [state, setState] = useState<'waiting' | 'drawn' | 'placeholder'>('waiting');
  const kind = IMAGE.test(item.mimeType) ? 'image' : item.mimeType.startsWith('video/') ? 'video' : null;
  const drawable = kind !== null && !(kind === 'image' && item.size > MAX_IMAGE_BYTES);

  useEffect(() => {
    const target = canvas.current;
    if (!drawable || !target) return;
    let cancelled = false;
    const start = () =>
      void inTurn(async () => {
        if (cancelled) return;
        const ticket = await getApi()['items.media']({ id: item.id, preview: true });
        if (!ticket.ok || cancelled) throw new Error('no ticket');
        await (kind === 'image' ? drawImage(target, ticket.value.url) : drawPoster(target, ticket.value.url));
      }).then(
        () => !cancelled && setState('drawn'),
        () => !cancelled && setState('placeholder'),
      );
    if (typeof IntersectionObserver === 'undefined') {
      start();
      return () => {
        cancelled = true;
      };
    }
    // Only rows that are (nearly) on screen ask for their media.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          start();
        }
      },
      { rootMargin: '200px' },
    );
    // The box, not the canvas: a hidden canvas never intersects.
    if (box.current) observer.observe(box.current);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [drawable, kind, item.id]);

  if (kind === null) return null;
  const shown = drawable ? state : 'placeholder';
  return (
    <span ref={box} className={`thumb thumb-${shown}`} aria-hidden="true" data-testid="item-thumb" data-state={shown}>
      {drawable && <canvas ref={canvas} />}
    </span>
  );
}
