import type { ImageModel } from '../models.ts';

/** An image with its intrinsic size (no layout shift), responsive sources when known, lazy below the fold. */
export function Picture({
  image,
  eager = false,
  sizes,
  imgClass,
}: {
  image: ImageModel;
  eager?: boolean;
  sizes?: string;
  imgClass?: string;
}) {
  const img = (
    <img
      class={imgClass}
      src={image.src}
      alt={image.alt}
      width={image.width ?? undefined}
      height={image.height ?? undefined}
      srcset={image.srcset}
      sizes={image.srcset ? (sizes ?? image.sizes) : undefined}
      loading={eager ? 'eager' : 'lazy'}
      decoding={eager ? undefined : 'async'}
      fetchpriority={eager ? 'high' : undefined}
    />
  );
  if (!image.sources?.length) return img;
  return (
    <picture>
      {image.sources.map((source) => (
        <source type={source.type} srcset={source.srcset} sizes={sizes ?? source.sizes} key={source.type} />
      ))}
      {img}
    </picture>
  );
}

/** A figure whose caption and credit are separate elements, as a picture desk writes them. */
export function Figure({
  image,
  eager = false,
  className = 'figure',
  sizes,
}: {
  image: ImageModel;
  eager?: boolean;
  className?: string;
  sizes?: string;
}) {
  return (
    <figure class={className}>
      <Picture image={image} eager={eager} sizes={sizes} />
      {(image.caption || image.credit) && (
        <figcaption>
          {image.caption && <span class="caption">{image.caption}</span>}
          {image.caption && image.credit && ' '}
          {image.credit && <span class="credit">{image.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
