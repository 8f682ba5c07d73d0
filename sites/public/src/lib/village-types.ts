// `GET /api/villages/:id`: a village's people and service days as residents see them.
// Names, titles and posts only: the API sends no phone, address or staff id.

export interface PublicVillage {
  village: { id: string; name: string; kind: string };
  contactLeader: { name: string; title: string };
  pairedDepartments: { id: string; name: string }[];
  groups: { id: string; name: string; holder: { name: string } | null }[];
  partyMembers: {
    name: string;
    post: {
      kind: "group" | "households";
      title: string;
      group: { id: string; name: string | null } | null;
      households: string | null;
    };
  }[];
  nextServiceDays: {
    date: string;
    startTime: string;
    endTime: string;
    place: string;
    host: { name: string; title: string } | null;
  }[];
}
