/**
 * Domain events: what happened, said once by the service that did it, heard by whoever cares (page
 * cache purges, search and related-story indexes, webhooks). Listeners run after the write committed;
 * a failing listener is logged and never undoes or fails the write that raised it.
 */
export interface DomainEvents {
  'article.published': { articleId: number };
  'article.updated': { articleId: number };
  'article.unpublished': { articleId: number };
  'article.deleted': { articleId: number };
  'comment.approved': { commentId: number; articleId: number };
  'comment.changed': { commentId: number; articleId: number };
  'section.changed': { sectionId: number };
  'author.changed': { authorId: number };
  'tag.changed': { tagId: number };
  /** These stories' related-story lists ("You may also like") changed. */
  'related.changed': { articleIds: number[] };
}

export type EventName = keyof DomainEvents;
type Listener<E extends EventName> = (payload: DomainEvents[E]) => void | Promise<void>;

export interface EventBus {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  emit<E extends EventName>(event: E, payload: DomainEvents[E]): Promise<void>;
}

export function createEventBus(onError: (error: unknown, event: EventName) => void): EventBus {
  const listeners = new Map<EventName, Set<Listener<EventName>>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as Listener<EventName>);
      listeners.set(event, set);
      return () => set.delete(listener as Listener<EventName>);
    },
    async emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          await listener(payload);
        } catch (error) {
          onError(error, event);
        }
      }
    },
  };
}
