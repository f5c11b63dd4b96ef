import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ArticleForm, PROVENANCE_FIELDS } from '../../../editorial/article-form.ts';
import { checkBody, renderBlocks } from '../../../richtext/index.ts';
import { ConflictPage } from '../../../views/admin/articles/conflict.page.tsx';
import type { HttpDeps } from '../../context.ts';
import { adminContext, sendAdminPage } from '../admin-page.ts';

/** The form as name/value pairs, as the browser would post it again. */
export function formValues(form: ArticleForm): Array<[string, string]> {
  const { authorIds, source, ...rest } = form;
  return [
    ...Object.entries(rest).map(([k, v]): [string, string] => [k, v]),
    ...authorIds.map((a): [string, string] => ['authorIds', a]),
    ...PROVENANCE_FIELDS.map((f): [string, string] => [`source.${f}`, source[f]]),
  ];
}

function bodyHtml(json: string) {
  try {
    const check = checkBody(JSON.parse(json));
    return renderBlocks(check.ok ? check.blocks : [], { eagerBlocks: 0 });
  } catch {
    return renderBlocks([]);
  }
}

/** 409: someone saved first. Shows both versions and lets the writer keep theirs knowingly. */
export async function sendConflict(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: HttpDeps,
  mine: { id: number; form: ArticleForm; version: number },
) {
  const current = (await deps.articles.getById(mine.id))!;
  const theirs = deps.editorial.formOf(current);
  const last = (await deps.editorial.revisions(mine.id)).find((r) => r.kind === 'save');
  const { context, chrome, presenter } = await adminContext(request, reply, deps, 'articles');
  const { t } = presenter.i18n;
  return sendAdminPage(
    reply,
    context,
    <ConflictPage
      model={{
        chrome,
        explain: t('editor.conflict.explain', {
          name: last?.userName ?? t('editor.conflict.someone'),
          version: current.version,
        }),
        savedAt: current.updatedAt,
        yours: { title: mine.form.title, dek: mine.form.dek || null, body: bodyHtml(mine.form.body) },
        theirs: {
          title: current.title,
          dek: current.dek,
          body: renderBlocks(current.body, { eagerBlocks: 0 }),
        },
        diff: deps.editorial.diff(theirs, mine.form),
        keepMine: {
          action: `/admin/articles/${mine.id}`,
          values: [...formValues(mine.form), ['version', String(current.version)]],
        },
        useTheirsHref: `/admin/articles/${mine.id}/edit`,
      }}
    />,
    409,
  );
}
