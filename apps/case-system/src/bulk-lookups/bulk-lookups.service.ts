import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf, type AuthUser } from '../auth/auth-user.js';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { BulkLookupKind } from '../persistence/schema.js';
import { bulkResultCsv } from './bulk-lookup.csv.js';
import { BulkLookupWorker } from './bulk-lookup.worker.js';
import {
  BulkLookupsRepository,
  type BulkCounts,
  type BulkLookupRow,
  type NewBulkItem,
} from '../persistence/bulk-lookups.repository.js';

/** A validated bulk lookup from the page. */
export interface BulkLookupOrder {
  purpose: string;
  legalBasis: string;
  kind: BulkLookupKind;
  items: readonly NewBulkItem[];
}

/** How many of a person's bulk lookups the page lists. */
const LIST_LIMIT = 50;

/**
 * Bulk lookups for the web page: queue one (every line in one transaction), and show, cancel or
 * download one, only to its creator or an admin. Logs carry ids and counts, never identifiers.
 */
@Injectable()
export class BulkLookupsService {
  private readonly logger = new Logger('BulkLookup');

  constructor(
    private readonly bulks: BulkLookupsRepository,
    private readonly worker: BulkLookupWorker,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  async create(order: BulkLookupOrder, user: AuthUser): Promise<string> {
    const id = await this.bulks.create({
      createdBy: user.id,
      actor: actorOf(user),
      purpose: order.purpose,
      legalBasis: order.legalBasis,
      kind: order.kind,
      includeFodselsnummer: this.maySeeFodselsnummer(user),
      items: order.items,
    });
    this.logger.log({ msg: 'Bulk lookup queued', bulkId: id, kind: order.kind, lines: order.items.length });
    this.worker.wake();
    return id;
  }

  /** The bulk lookup if this person may see it: its creator or an admin. Otherwise undefined (a 404). */
  async visible(id: string, user: AuthUser): Promise<BulkLookupRow | undefined> {
    const bulk = await this.bulks.find(id);
    if (!bulk) return undefined;
    return bulk.created_by === user.id || user.role === 'admin' ? bulk : undefined;
  }

  async list(user: AuthUser): Promise<{ bulk: BulkLookupRow; counts: BulkCounts | undefined }[]> {
    const rows = await this.bulks.list(user.role === 'admin' ? undefined : user.id, LIST_LIMIT);
    const counts = await this.bulks.counts(rows.map((row) => row.id));
    return rows.map((bulk) => ({ bulk, counts: counts.get(bulk.id) }));
  }

  async counts(bulk: BulkLookupRow): Promise<BulkCounts | undefined> {
    return (await this.bulks.counts([bulk.id])).get(bulk.id);
  }

  async cancel(bulk: BulkLookupRow, user: AuthUser): Promise<boolean> {
    const cancelled = await this.bulks.cancel(bulk.id);
    if (cancelled) this.logger.log({ msg: 'Bulk lookup cancelled', bulkId: bulk.id, userId: user.id });
    return cancelled;
  }

  /** The result file; the fødselsnummer column only if the bulk kept them and this person may see them. */
  async resultCsv(bulk: BulkLookupRow, user: AuthUser): Promise<string> {
    const items = await this.bulks.items(bulk.id);
    this.logger.log({ msg: 'Bulk lookup result downloaded', bulkId: bulk.id, userId: user.id, lines: items.length });
    return bulkResultCsv(items, { fodselsnummer: bulk.include_fodselsnummer && this.maySeeFodselsnummer(user) });
  }

  private maySeeFodselsnummer(user: AuthUser): boolean {
    return this.config.webLookup.fodselsnummerRoles.includes(user.role);
  }
}
