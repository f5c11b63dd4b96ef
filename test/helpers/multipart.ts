import crypto from 'node:crypto';
import type { TestApp } from './test-app.ts';
import { cookieHeader, csrfFor } from './admin.ts';

export interface FilePart {
  name: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A multipart/form-data body as a browser sends it: text fields, then files. */
export function multipartBody(fields: Record<string, string>, files: FilePart[] = []) {
  const boundary = `----newsdesk${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a multipart form with a fresh CSRF token taken from `formUrl`, as the signed-in `jar`. */
export async function postMultipart(
  app: TestApp,
  options: {
    formUrl: string;
    action: string;
    fields: Record<string, string>;
    files?: FilePart[];
    jar: Record<string, string>;
    accept?: string;
  },
) {
  const { token, jar } = await csrfFor(app, options.formUrl, options.jar);
  const body = multipartBody({ _csrf: token, ...options.fields }, options.files);
  return app.http.inject({
    method: 'POST',
    url: options.action,
    headers: {
      cookie: cookieHeader(jar),
      'content-type': body.contentType,
      accept: options.accept ?? 'text/html',
    },
    payload: body.payload,
  });
}
