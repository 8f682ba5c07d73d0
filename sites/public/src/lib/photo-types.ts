// The photo routes' shapes (issue 15), from the contract's route table (the contract does not
// export their names).
import type { ResponseOf } from "@lianxin/contract";

export type UploadTicket = ResponseOf<"POST /api/uploads">;
export type UploadStatus = ResponseOf<"GET /api/uploads/:uploadId">;
