// The photo routes' shapes (issue 15), as the contract names them.
export type { UploadStatus, UploadTicket } from "@lianxin/contract";
