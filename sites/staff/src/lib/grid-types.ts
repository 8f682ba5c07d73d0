// The grid pages' API shapes (包干轮换, 一线服务日, 入户): what the staff API returns.

export interface Named {
  id: string;
  name: string;
}

/** `GET /api/staff/rotation/:villageId`. */
export interface RotationView {
  village: Named;
  month: string;
  groups: { id: string; name: string; holder: Named | null }[];
  heads: {
    id: string;
    name: string;
    department: Named | null;
    holding: string[];
    coverage: { covered: string[]; total: number };
  }[];
  plan: {
    startMonth: string;
    horizonMonths: number;
    intervalMonths: number;
    groupIds: string[];
    headIds: string[];
    currentPeriod: number | null;
    periods: {
      index: number;
      startMonth: string;
      months: number;
      holders: Record<string, string | null>;
    }[];
    savedAt: string | null;
    savedBy: Named | null;
  } | null;
}

export interface RotationBody {
  startMonth: string;
  horizonMonths: number;
  intervalMonths: number;
}

export type ServiceSchedule =
  | { kind: "once"; date: string }
  | { kind: "weekly"; weekday: number; from: string; until: string | null };

export interface ServiceDayBody {
  villageId: string;
  personId?: string;
  place: string;
  startTime: string;
  endTime: string;
  schedule: ServiceSchedule;
}

export interface ServiceDayItem extends ServiceDayBody {
  id: string;
  personId: string;
  retiredAt: string | null;
  village: Named;
  host: { name: string; title: string } | null;
  next: string[];
  /** Its last dates up to today, newest first; `logId` once recorded as held. */
  past: { date: string; logId: string | null }[];
}

/** `POST /api/staff/service-days/:id/held`: the day held, logged as a field visit. */
export interface ServiceDayHeldBody {
  date: string;
  peopleReached: number;
  peopleConsulted: number;
  notes: string;
}

export interface PartyMemberBody {
  name: string;
  villageId: string;
  post: {
    kind: "group" | "households";
    groupId: string | null;
    households: string | null;
    title: string;
  };
}

export interface PartyMemberItem extends PartyMemberBody {
  id: string;
  demo: boolean;
  retiredAt: string | null;
  post: PartyMemberBody["post"] & { groupName: string | null };
}
