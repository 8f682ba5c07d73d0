/** For staff who may not see them: 张三 → 张*, 13812345678 → 138****5678. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return `${chars[0]}${"*".repeat(Math.max(1, chars.length - 1))}`;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****";
}
