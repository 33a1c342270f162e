import type { ProjectRole, ProjectStatus, ProjectType } from '../../api/client';
import type { BadgeTone } from '../../ui/Badge';
import type { Option } from '../../ui/fields';

export const TYPE_OPTIONS: ReadonlyArray<Option<ProjectType>> = [
  { value: 'web', label: 'Web' },
  { value: 'mobile', label: 'Mobile' },
  { value: 'api', label: 'API' },
  { value: 'desktop', label: 'Desktop' },
];

export const STATUS_OPTIONS: ReadonlyArray<Option<ProjectStatus>> = [
  { value: 'draft', label: 'Draft' },
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
];

export const ROLE_OPTIONS: ReadonlyArray<Option<ProjectRole>> = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'editor', label: 'Editor' },
  { value: 'owner', label: 'Owner' },
];

export const STATUS_TONE: Record<ProjectStatus, BadgeTone> = { active: 'green', draft: 'amber', archived: 'neutral' };

export const SORT_OPTIONS = [
  { value: 'updatedAt,desc', label: 'Recently updated' },
  { value: 'createdAt,desc', label: 'Newest first' },
  { value: 'createdAt,asc', label: 'Oldest first' },
  { value: 'name,asc', label: 'Name (A–Z)' },
  { value: 'name,desc', label: 'Name (Z–A)' },
  { value: 'status,asc', label: 'Status' },
  { value: 'type,asc', label: 'Type' },
] as const satisfies ReadonlyArray<Option<string>>;

export type SortValue = (typeof SORT_OPTIONS)[number]['value'];
export const DEFAULT_SORT: SortValue = 'updatedAt,desc';

export function isSortValue(value: string | null): value is SortValue {
  return SORT_OPTIONS.some((o) => o.value === value);
}

export function labelOf<T extends string>(options: ReadonlyArray<Option<T>>, value: T): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

const RANK: Record<ProjectRole, number> = { viewer: 0, editor: 1, owner: 2 };
export const canEdit = (role: ProjectRole) => RANK[role] >= RANK.editor;
export const isOwner = (role: ProjectRole) => role === 'owner';
